// `gpaikit serve user add|list|disable`: the desk's staff accounts in the portal database,
// each change also a ledger entry (docs/portal-desk.md; OWASP ASVS v4.0.3 V2).
#include <ctime>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/cli_common.h"
#include "cli/commands.h"
#include "cli/docs_common.h"
#include "cli/exit_codes.h"
#include "cli/help_footer.h"
#include "cli/output_options.h"
#include "cli/password_input.h"
#include "gpaikit/store/ledger.h"
#include "portal/portal_db.h"
#include "portal/staff_accounts.h"

namespace gpaikit::cli {
namespace {

struct UserOptions {
  std::string dir = ".";
  std::string name;
  std::string role = "staff";
  std::string password_file;
  std::string author;
  OutputOptions output;
};

Result<std::unique_ptr<portal::PortalDb>> OpenStaffDb(const std::string& dir) {
  Result<std::unique_ptr<portal::PortalDb>> db = portal::PortalDb::Open(dir);
  if (!db.ok()) return db.status();
  if (Status migrated = (*db)->Migrate("staff", portal::StaffMigrations()); !migrated.ok()) {
    return migrated;
  }
  return db;
}

// The ledger entry of an account change: the user's name and role (staff, not complainants).
Status LedgerStaffChange(const UserOptions& options, const std::string& kind,
                         const nlohmann::json& content) {
  Result<std::unique_ptr<store::Ledger>> ledger = store::Ledger::Open(options.dir);
  if (!ledger.ok()) return ledger.status();
  Result<store::Entry> entry =
      (*ledger)->Append(kind, "staff/" + options.name, Author(options.author), content.dump());
  return entry.ok() ? Status::Ok() : entry.status();
}

int RunAdd(const UserOptions& options) {
  Result<portal::Role> role = portal::ParseRole(options.role);
  if (!role.ok()) return ReportFailure(role.status());
  if (Status name = portal::CheckUserName(options.name); !name.ok()) return ReportFailure(name);
  Result<std::string> password =
      options.password_file.empty()
          ? ReadPasswordFromTerminal("Password for " + options.name + ": ")
          : ReadPasswordFile(options.password_file);
  if (!password.ok()) return ReportFailure(password.status());
  Result<std::unique_ptr<portal::PortalDb>> db = OpenStaffDb(options.dir);
  if (!db.ok()) return ReportFailure(db.status());
  portal::StaffAccounts accounts(**db);
  if (Status added = accounts.Add(options.name, *role, *password, std::time(nullptr));
      !added.ok()) {
    return ReportFailure(added);
  }
  if (Status logged = LedgerStaffChange(
          options, "portal.staff.add", {{"role", portal::RoleName(*role)}, {"user", options.name}});
      !logged.ok()) {
    return ReportFailure(logged);
  }
  std::cout << "added " << portal::RoleName(*role) << " user " << options.name << "\n";
  return kExitOk;
}

int RunList(const UserOptions& options) {
  Result<std::unique_ptr<portal::PortalDb>> db = OpenStaffDb(options.dir);
  if (!db.ok()) return ReportFailure(db.status());
  Result<std::vector<portal::StaffUser>> users = portal::StaffAccounts(**db).List();
  if (!users.ok()) return ReportFailure(users.status());
  nlohmann::json json = {{"schema", "gpaikit.staff-users/1"}, {"users", nlohmann::json::array()}};
  std::ostringstream text;
  if (users->empty()) text << "no staff users (add one: gpaikit serve user add NAME)\n";
  for (const portal::StaffUser& user : *users) {
    json["users"].push_back({{"name", user.name},
                             {"role", portal::RoleName(user.role)},
                             {"created_at", user.created_at},
                             {"disabled_at", user.disabled_at}});
    text << user.name << "  " << portal::RoleName(user.role) << "  added " << user.created_at;
    if (!user.disabled_at.empty()) text << "  disabled " << user.disabled_at;
    text << "\n";
  }
  Status written = EmitTextOrJson(options.output, text.str(), json);
  return written.ok() ? kExitOk : ReportFailure(written);
}

int RunDisable(const UserOptions& options) {
  Result<std::unique_ptr<portal::PortalDb>> db = OpenStaffDb(options.dir);
  if (!db.ok()) return ReportFailure(db.status());
  portal::StaffAccounts accounts(**db);
  Result<portal::StaffUser> before = accounts.Get(options.name);
  if (!before.ok()) return ReportFailure(before.status());
  if (Status disabled = accounts.Disable(options.name, std::time(nullptr)); !disabled.ok()) {
    return ReportFailure(disabled);
  }
  if (before->disabled_at.empty()) {
    if (Status logged =
            LedgerStaffChange(options, "portal.staff.disable", {{"user", options.name}});
        !logged.ok()) {
      return ReportFailure(logged);
    }
  }
  std::cout << "disabled user " << options.name << " (its sessions are ended)\n";
  return kExitOk;
}

}  // namespace

void RegisterServeUserCommands(CLI::App& serve, int& exit_code) {
  auto options = std::make_shared<UserOptions>();
  CLI::App* user = serve.add_subcommand("user", "Staff accounts of the desk: add, list, disable");
  user->require_subcommand(1);

  CLI::App* add = user->add_subcommand(
      "add", "Add a staff account (password from the terminal without echo, or from a file)");
  AddProjectDirOption(add, options->dir, /*positional=*/false);
  add->add_option("name", options->name, "User name (a-z, 0-9, '.', '_', '-')")->required();
  add->add_option("--role", options->role, "staff or admin (default staff)")
      ->check(CLI::IsMember({"staff", "admin"}));
  add->add_option("--password-file", options->password_file,
                  "Read the password from the first line of this file instead of the terminal");
  add->add_option("--author", options->author, "Who the ledger entry names (default: $USER)");
  SetHelpFooter(add, {"gpaikit serve user add alice --role admin -C my-project"});
  add->callback([options, &exit_code] { exit_code = RunAdd(*options); });

  CLI::App* list = user->add_subcommand("list", "List the staff accounts");
  AddProjectDirOption(list, options->dir, /*positional=*/false);
  AddOutputOptions(list, options->output, {Format::kText, Format::kJson}, OutKind::kFile,
                   "the list (JSON schema gpaikit.staff-users/1)");
  SetHelpFooter(list, {"gpaikit serve user list -C my-project"});
  list->callback([options, &exit_code] { exit_code = RunList(*options); });

  CLI::App* disable =
      user->add_subcommand("disable", "Disable a staff account and end its sessions");
  AddProjectDirOption(disable, options->dir, /*positional=*/false);
  disable->add_option("name", options->name, "User name")->required();
  disable->add_option("--author", options->author, "Who the ledger entry names (default: $USER)");
  SetHelpFooter(disable, {"gpaikit serve user disable alice -C my-project"});
  disable->callback([options, &exit_code] { exit_code = RunDisable(*options); });
}

}  // namespace gpaikit::cli
