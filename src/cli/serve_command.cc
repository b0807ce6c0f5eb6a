// `gpaikit serve`: the provider's public compliance site over HTTP (docs/portal.md; Code of
// Practice, Copyright, Measures 1.3 and 1.5; Transparency, Measure 1.2; AI Act Art. 53(1)(d)).
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>

#include "cli/cli_common.h"
#include "cli/commands.h"
#include "cli/docs_common.h"
#include "cli/exit_codes.h"
#include "cli/help_footer.h"
#include "gpaikit/portal/server.h"
#include "gpaikit/portal/site.h"
#include "portal/mail_queue.h"
#include "portal/portal_db.h"

namespace gpaikit::cli {
namespace {

struct ServeOptions {
  std::string dir = ".";
  std::string templates;
  std::string author;
  bool record_only = false;
  portal::ServerOptions server;
  unsigned max_upload_mib = 10;
  bool lookup_allow_loopback = false;
  std::vector<std::string> lookup_connect_to;
  portal::SmtpSettings smtp;  // url "" : no mail is sent (docs/portal-mail.md)
};

int RunServe(ServeOptions options) {
  options.server.max_upload_bytes = static_cast<size_t>(options.max_upload_mib) << 20;
  portal::SiteOptions site_options;
  site_options.templates = options.templates;
  site_options.lookup_allow_loopback = options.lookup_allow_loopback;
  site_options.lookup_connect_to = options.lookup_connect_to;
  site_options.max_upload_bytes = options.server.max_upload_bytes;
  site_options.max_upload_files = options.server.max_upload_files;
  // The mail worker delivers acknowledgements and replies from the portal's queue on its own
  // thread and connection; requests only insert into the queue and notify it.
  std::unique_ptr<portal::MailWorker> mail;
  if (!options.smtp.url.empty()) {
    if (const char* password = std::getenv("GPAIKIT_SMTP_PASSWORD"); password != nullptr) {
      options.smtp.password = password;
    }
    if (Status checked = portal::CheckSmtpSettings(options.smtp); !checked.ok()) {
      return ReportFailure(checked);
    }
    mail =
        std::make_unique<portal::MailWorker>(portal::PortalDb::PathIn(options.dir), options.smtp);
    site_options.mail_from = options.smtp.from;
    site_options.mail_queued = [worker = mail.get()] { worker->Notify(); };
  }
  Result<std::unique_ptr<portal::Site>> site = portal::Site::Load(options.dir, site_options);
  if (!site.ok()) return ReportFailure(site.status());
  if (mail && !options.record_only) {
    if (Status started = mail->Start(); !started.ok()) return ReportFailure(started);
  }
  // Each change of the crawler information becomes a ledger entry with its own time, which the
  // feed announces (Code of Practice, Copyright, Measure 1.3).
  Result<bool> recorded = (*site)->RecordCrawlerChange(Author(options.author));
  if (!recorded.ok()) return ReportFailure(recorded.status());
  if (*recorded) std::cerr << "gpaikit serve: recorded a new version of the crawler information\n";
  if (options.record_only) {
    if (!*recorded) std::cerr << "gpaikit serve: the crawler information is unchanged\n";
    return kExitOk;
  }
  if (Status started = (*site)->StartBackgroundJobs(); !started.ok()) {
    return ReportFailure(started);
  }
  Status served = portal::Serve(**site, options.server, [](uint16_t, const std::string& base_url) {
    std::cout << "listening on " << base_url << std::endl;
  });
  if (!served.ok()) return ReportFailure(served);
  std::cerr << "gpaikit serve: stopped\n";
  return kExitOk;
}

}  // namespace

void RegisterServeCommand(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<ServeOptions>();
  CLI::App* serve = app.add_subcommand(
      "serve", "Serve the public compliance site: crawlers, feed, summaries, contact (HTTP)");
  AddProjectDirOption(serve, options->dir, /*positional=*/true);
  serve->add_option("--listen", options->server.listen,
                    "Address to listen on, IPv4 or IPv6 (default 127.0.0.1; TLS belongs to a "
                    "reverse proxy in front)");
  serve->add_option("--port", options->server.port,
                    "Port (default 8080; 0 picks a free one, printed as 'listening on URL')");
  serve->add_option("--base-url", options->server.base_url,
                    "The site's public URL, as the feed and security.txt name it (default "
                    "http://LISTEN:PORT/)");
  serve->add_option("--templates", options->templates,
                    "Folder of the mustache templates and style.css (default: the installed "
                    "data/portal/templates)");
  serve
      ->add_option("--max-connections", options->server.connection_limit,
                   "Open connections at once (default 64)")
      ->check(CLI::Range(1u, 10000u));
  serve
      ->add_option("--timeout", options->server.timeout_seconds,
                   "Seconds before an idle or slow connection is closed (default 15)")
      ->check(CLI::Range(1u, 3600u));
  serve
      ->add_option("--max-upload-mib", options->max_upload_mib,
                   "Largest uploaded file accepted, in MiB (default 10; larger: 413)")
      ->check(CLI::Range(1u, 1024u));
  serve
      ->add_option("--max-uploads", options->server.max_upload_files,
                   "Files accepted in one form submission (default 5; more: 413)")
      ->check(CLI::Range(1u, 100u));
  serve->add_option("--trusted-proxy", options->server.trusted_proxies,
                    "IP address of a reverse proxy in front whose X-Real-IP (or X-Forwarded-For) "
                    "names the client for the per-address limits; repeatable (default none: "
                    "those headers are ignored)");
  serve->add_option(
      "--smtp-url", options->smtp.url,
      "Send acknowledgements and replies through this SMTP server: smtp://HOST[:PORT] "
      "or smtps://HOST[:PORT] (default: no mail)");
  serve->add_option("--mail-from", options->smtp.from,
                    "The sender address of the portal's mail (required with --smtp-url)");
  serve->add_flag("--smtp-starttls", options->smtp.require_tls,
                  "With smtp://, require STARTTLS (never fall back to plain text)");
  serve->add_option("--smtp-ca-file", options->smtp.ca_file,
                    "CA bundle for the SMTP server's certificate (default: the system's)");
  serve->add_option("--smtp-user", options->smtp.username,
                    "SMTP AUTH user name; the password comes from $GPAIKIT_SMTP_PASSWORD");
  serve->add_flag("--record-only", options->record_only,
                  "Record a change of the crawler information in the ledger and exit, without "
                  "serving (for cron or CI)");
  serve->add_flag("--lookup-allow-loopback", options->lookup_allow_loopback,
                  "Tests only: the domain lookup may fetch proofs from loopback addresses");
  serve->add_option("--lookup-connect-to", options->lookup_connect_to,
                    "Tests only: HOST:PORT:CONNECT-HOST:CONNECT-PORT, where the domain "
                    "lookup's fetch connects instead (libcurl CONNECT_TO); repeatable");
  serve->add_option("--author", options->author,
                    "Who records a change of the crawler information (default: $USER)");
  SetHelpFooter(serve, {"gpaikit serve -C my-project --port 8080",
                        "gpaikit serve -C my-project --trusted-proxy 127.0.0.1 --base-url "
                        "https://compliance.example.eu/",
                        "gpaikit serve -C my-project --record-only"});
  RegisterServeUserCommands(*serve, exit_code);
  serve->callback([options, serve, &exit_code] {
    if (serve->get_subcommands().empty()) exit_code = RunServe(*options);
  });
}

}  // namespace gpaikit::cli
