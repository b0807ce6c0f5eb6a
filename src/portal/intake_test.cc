// Tests of intake: the forms' validation, upload names and types, and the complaint, request and
// status pages through the Site (CSRF 403, errors re-shown escaped, tracking numbers, evidence by
// hash, the downstream-request register, one token per case, the acknowledgement hook).
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <regex>

#include "base/temp_dir_test_util.h"
#include "gpaikit/base/files.h"
#include "gpaikit/base/sha256.h"
#include "gpaikit/docs/ledger_entries.h"
#include "gpaikit/portal/site.h"
#include "gpaikit/store/ledger.h"
#include "portal/case_store.h"
#include "portal/evidence_store.h"
#include "portal/intake_form.h"
#include "portal/mail_queue.h"

namespace gpaikit::portal {
namespace {

constexpr const char* kBase = "http://127.0.0.1:1/";
const std::string kXss = "<script>alert(1)</script>\"'&";

constexpr const char* kProject =
    "gpaikit: 1\nprovider:\n  legal_name: \"Example AI SAS\"\n  contact: \"legal@example.eu\"\n"
    "  established_in_eu: true\nmodels:\n"
    "  - id: ex-7b\n    name: Example 7B\n    modalities: {input: [text], output: [text]}\n"
    "    parameters: {total: 7B}\n    release_date: 2025-09-15\n"
    "    union_market_date: 2025-09-15\n    compute:\n      runs:\n"
    "        - {stage: pre-training, tokens: 2T}\n";

Fields GoodComplaint() {
  return {{"name", "Ada Example"},
          {"organisation", "Example Press"},
          {"email", "ada@press.example"},
          {"authority", "rightsholder"},
          {"works", "https://press.example/novel\nISBN 978-3-16-148410-0\n"},
          {"allegation", "The novel was crawled although robots.txt disallowed it."},
          {"declaration", "yes"}};
}

bool HasError(const std::vector<FieldError>& errors, const std::string& field) {
  for (const FieldError& error : errors) {
    if (error.field == field) return true;
  }
  return false;
}

TEST(IntakeFormTest, AGoodComplaintPassesAndEachMissingFieldIsNamed) {
  Checked<ComplaintForm> good = CheckComplaintForm(GoodComplaint());
  EXPECT_TRUE(good.ok()) << good.errors[0].message;
  EXPECT_EQ(good.form.work_lines.size(), 2u);
  Checked<ComplaintForm> empty = CheckComplaintForm({});
  for (const char* field : {"name", "email", "authority", "works", "allegation", "declaration"}) {
    EXPECT_TRUE(HasError(empty.errors, field)) << field;
  }
  EXPECT_FALSE(HasError(empty.errors, "organisation"));
  EXPECT_FALSE(HasError(empty.errors, "mandate"));
}

TEST(IntakeFormTest, FieldsAreCheckedForFormAndLength) {
  Fields fields = GoodComplaint();
  fields[2].second = "not an address";
  fields[3].second = "representative";  // without a mandate
  fields[4].second = "https://ok.example/a\nftp://files.example/b";
  fields[5].second = "too short";
  fields.emplace_back("name", "ignored second value");
  fields[0].second = std::string("Ada\x01", 4);
  Checked<ComplaintForm> checked = CheckComplaintForm(fields);
  for (const char* field : {"name", "email", "mandate", "works", "allegation"}) {
    EXPECT_TRUE(HasError(checked.errors, field)) << field;
  }
  for (const FieldError& error : checked.errors) {
    if (error.field == "works") {
      EXPECT_NE(error.message.find("line 2"), std::string::npos);
    }
  }
  fields = GoodComplaint();
  fields[1].second = std::string(kMaxLineField + 1, 'o');
  fields[5].second = "\xff\xfe not UTF-8 at all, but long enough";
  checked = CheckComplaintForm(fields);
  EXPECT_TRUE(HasError(checked.errors, "organisation"));
  EXPECT_TRUE(HasError(checked.errors, "allegation"));
}

TEST(IntakeFormTest, WorksAreHttpUrlsWithHostsOrPrintableIdentifiers) {
  EXPECT_TRUE(CheckWork("https://example.org/a?b=c").ok());
  EXPECT_TRUE(CheckWork("ISRC GB-XXX-24-00001").ok());
  EXPECT_TRUE(CheckWork("doi:10.1000/182").ok());
  EXPECT_FALSE(CheckWork("https:///nohost").ok());
  EXPECT_FALSE(CheckWork("https://user@example.org/").ok());
  EXPECT_FALSE(CheckWork("https://example.org/a b").ok());
  EXPECT_FALSE(CheckWork("javascript://alert(1)").ok());
  EXPECT_FALSE(CheckWork(std::string("id\x07", 3)).ok());
}

TEST(IntakeFormTest, UploadNamesWithPathsAreRefusedAndTypesComeFromContent) {
  EXPECT_TRUE(CheckUploadName("evidence 1.pdf").ok());
  for (const char* bad : {"../../etc/passwd", "a/b.pdf", "C:\\x\\y.pdf", "..", ".hidden", ""}) {
    EXPECT_FALSE(CheckUploadName(bad).ok()) << bad;
  }
  EXPECT_FALSE(CheckUploadName(std::string(256, 'a')).ok());
  EXPECT_EQ(DetectEvidenceType("%PDF-1.7\n..."), "application/pdf");
  EXPECT_EQ(DetectEvidenceType(std::string("\x89PNG\r\n\x1a\n\0\0", 10)), "image/png");
  EXPECT_EQ(DetectEvidenceType("\xff\xd8\xff\xe0rest"), "image/jpeg");
  EXPECT_EQ(DetectEvidenceType("plain text\r\nwith lines\tand tabs"), "text/plain");
  EXPECT_FALSE(DetectEvidenceType(std::string("MZ\x90\0", 4)));  // an executable named .pdf
  EXPECT_FALSE(DetectEvidenceType(""));
  EXPECT_FALSE(DetectEvidenceType("<html>\x1b[0m"));
}

TEST(IntakeFormTest, ARequestNeedsOneOfTheProjectsModels) {
  Fields fields = {{"organisation", "Downstream GmbH"},
                   {"name", "Bo"},
                   {"email", "bo@downstream.example"},
                   {"model", "ex-7b"},
                   {"request", "The evaluation results."}};
  EXPECT_TRUE(CheckRequestForm(fields, {"ex-7b"}).ok());
  Checked<RequestForm> unknown = CheckRequestForm(fields, {"other"});
  EXPECT_TRUE(HasError(unknown.errors, "model"));
  EXPECT_TRUE(unknown.form.model.empty());
}

class IntakePagesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_.Write("gpaikit.yaml", kProject);
    Load({});
  }

  void Load(SiteOptions options) {
    options.templates = std::filesystem::path(GPAIKIT_SOURCE_DATA_DIR) / "portal/templates";
    site_.reset();
    Result<std::unique_ptr<Site>> site = Site::Load(dir_.path(), options);
    ASSERT_TRUE(site.ok()) << site.status().message();
    site_ = std::move(*site);
  }

  Request Get(const std::string& path) const {
    Request request;
    request.method = "GET";
    request.path = path;
    return request;
  }

  // A POST to `path` with the CSRF cookie and token a GET of the form gave.
  Request Post(const std::string& path, const std::string& form, Fields fields) const {
    Response page = site_->Handle(Get(path), kBase);
    EXPECT_EQ(page.status, 200);
    std::smatch token;
    EXPECT_TRUE(
        std::regex_search(page.body, token, std::regex("name=\"csrf_token\" value=\"([^\"]+)\"")));
    std::string cookie;
    for (const auto& [name, value] : page.headers) {
      if (name == "Set-Cookie") cookie = value.substr(value.find('=') + 1, 64);
    }
    EXPECT_EQ(cookie.size(), 64u) << form;
    Request request;
    request.method = "POST";
    request.path = path;
    request.cookies = {{"gpaikit_csrf", cookie}};
    request.form = std::move(fields);
    request.form.emplace_back("csrf_token", token[1]);
    return request;
  }

  Result<CaseStore> Store() const { return CaseStore::Open(*db_, dir_.path()); }

  void OpenDb() {
    Result<std::unique_ptr<PortalDb>> db = PortalDb::Open(dir_.path());
    ASSERT_TRUE(db.ok());
    db_ = std::move(*db);
  }

  test_util::TempDir dir_;
  std::unique_ptr<Site> site_;
  std::unique_ptr<PortalDb> db_;
};

std::string StatusPath(const std::string& body) {
  std::smatch match;
  if (!std::regex_search(body, match, std::regex("href=\"(/status/[0-9a-f]{64})\""))) return "";
  return match[1];
}

TEST_F(IntakePagesTest, TheFormsTakePostAndCarryACsrfToken) {
  EXPECT_EQ(site_->PostBody("/complaints/new"), BodyKind::kUpload);
  EXPECT_EQ(site_->PostBody("/requests/new"), BodyKind::kForm);
  EXPECT_EQ(site_->PostBody("/status/x"), BodyKind::kNone);
  Response page = site_->Handle(Get("/complaints/new"), kBase);
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("enctype=\"multipart/form-data\""), std::string::npos);
  EXPECT_NE(page.body.find("name=\"csrf_token\""), std::string::npos);
  Response request = site_->Handle(Get("/requests/new"), kBase);
  EXPECT_NE(request.body.find("<option value=\"ex-7b\">Example 7B (ex-7b)</option>"),
            std::string::npos);
  EXPECT_NE(request.body.find("14 days"), std::string::npos);
}

TEST_F(IntakePagesTest, AMissingOrWrongCsrfTokenIs403AndFilesNothing) {
  Request request = Post("/complaints/new", "complaint", GoodComplaint());
  Request missing = request;
  missing.form.pop_back();
  EXPECT_EQ(site_->Handle(missing, kBase).status, 403);
  Request wrong = request;
  wrong.form.back().second[wrong.form.back().second.size() - 1] ^= 1;
  EXPECT_EQ(site_->Handle(wrong, kBase).status, 403);
  Request other_cookie = request;
  other_cookie.cookies = {{"gpaikit_csrf", std::string(64, 'a')}};
  EXPECT_EQ(site_->Handle(other_cookie, kBase).status, 403);
  Request other_form = Post("/requests/new", "request", GoodComplaint());
  other_form.path = "/complaints/new";
  EXPECT_EQ(site_->Handle(other_form, kBase).status, 403);
  OpenDb();
  EXPECT_TRUE(Store()->ListCases()->empty());
}

TEST_F(IntakePagesTest, AComplaintWithEvidenceGetsATrackingNumberAndAStatusLink) {
  Request request = Post("/complaints/new", "complaint", GoodComplaint());
  request.files.push_back({"evidence", "robots.txt", "text/plain", "User-agent: *\nDisallow: /\n"});
  request.files.push_back(
      {"evidence", "shot.png", "image/png", std::string("\x89PNG\r\n\x1a\nxx", 10)});
  Response filed = site_->Handle(request, kBase);
  ASSERT_EQ(filed.status, 200) << filed.body;
  int year = CivilDate::Today().year();
  EXPECT_NE(filed.body.find("C-" + std::to_string(year) + "-000001"), std::string::npos);
  std::string status_path = StatusPath(filed.body);
  ASSERT_FALSE(status_path.empty()) << filed.body;
  EXPECT_NE(filed.body.find(std::string(kBase) + status_path.substr(1)), std::string::npos);
  std::string hash = Sha256Hex("User-agent: *\nDisallow: /\n");
  EXPECT_EQ(*ReadFile(dir_.path() / ".gpaikit/portal-uploads" / hash),
            "User-agent: *\nDisallow: /\n");
  EXPECT_FALSE(std::filesystem::exists(dir_.path() / ".gpaikit/portal-uploads/robots.txt"));

  Response status = site_->Handle(Get(status_path), kBase);
  ASSERT_EQ(status.status, 200);
  EXPECT_NE(status.body.find("Received, not yet reviewed"), std::string::npos);
  EXPECT_NE(status.body.find(hash), std::string::npos);
  EXPECT_NE(status.body.find("https://press.example/novel"), std::string::npos);
  OpenDb();
  Result<CaseStore> store = Store();
  ASSERT_TRUE(store
                  ->Reply("C-" + std::to_string(year) + "-000001", "staff1",
                          "We removed the novel from the corpus.", std::time(nullptr))
                  .ok());
  status = site_->Handle(Get(status_path), kBase);
  EXPECT_NE(status.body.find("We removed the novel from the corpus."), std::string::npos);
  // Staff's notes stay internal; a decision and its reason are shown.
  std::string tracking = "C-" + std::to_string(year) + "-000001";
  ASSERT_TRUE(
      store->AddEvent(tracking, "note", "staff1", "internal remark", false, std::time(nullptr))
          .ok());
  ASSERT_TRUE(
      store->SetState(tracking, "closed", "staff1", "works removed", std::time(nullptr)).ok());
  status = site_->Handle(Get(status_path), kBase);
  EXPECT_EQ(status.body.find("internal remark"), std::string::npos);
  EXPECT_NE(status.body.find("State: Closed"), std::string::npos);
  EXPECT_NE(status.body.find("works removed"), std::string::npos);
  Result<std::unique_ptr<store::Ledger>> ledger = store::Ledger::Open(dir_.path());
  EXPECT_EQ((*ledger)->Entries("portal.case.received")->size(), 1u);
  EXPECT_TRUE((*ledger)->Verify()->ok());
}

TEST_F(IntakePagesTest, ErrorsAreShownBesideTheFieldsWithTheValuesEscaped) {
  Fields fields = GoodComplaint();
  for (auto& [name, value] : fields) {
    if (name != "authority" && name != "declaration") value = kXss + " " + name;
  }
  fields[2].second = "bad " + kXss;  // e-mail
  Response page = site_->Handle(Post("/complaints/new", "complaint", fields), kBase);
  EXPECT_EQ(page.status, 400);
  EXPECT_EQ(page.body.find("<script>"), std::string::npos);
  EXPECT_NE(page.body.find("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&apos;&amp; allegation"),
            std::string::npos)
      << page.body;
  EXPECT_NE(page.body.find("id=\"f-email-error\""), std::string::npos);
  EXPECT_NE(page.body.find("href=\"#f-email\""), std::string::npos);
  EXPECT_NE(page.body.find("name=\"csrf_token\""), std::string::npos);

  // Filed with such text, the status page escapes it too.
  fields = GoodComplaint();
  fields[0].second = kXss;
  fields[5].second = kXss + " was crawled against our reservation";
  Response filed = site_->Handle(Post("/complaints/new", "complaint", fields), kBase);
  ASSERT_EQ(filed.status, 200);
  Response status = site_->Handle(Get(StatusPath(filed.body)), kBase);
  EXPECT_EQ(status.body.find("<script>"), std::string::npos);
  EXPECT_NE(status.body.find("&lt;script&gt;"), std::string::npos);
}

TEST_F(IntakePagesTest, EvidenceWithAPathIs400AndAnUnknownTypeIsAFieldError) {
  Request traversal = Post("/complaints/new", "complaint", GoodComplaint());
  traversal.files.push_back({"evidence", "../../gpaikit.yaml", "text/plain", "x"});
  Response refused = site_->Handle(traversal, kBase);
  EXPECT_EQ(refused.status, 400);
  EXPECT_NE(refused.body.find("path"), std::string::npos);
  Request executable = Post("/complaints/new", "complaint", GoodComplaint());
  executable.files.push_back(
      {"evidence", "invoice.pdf", "application/pdf", std::string("MZ\0\0", 4)});
  Response page = site_->Handle(executable, kBase);
  EXPECT_EQ(page.status, 400);
  EXPECT_NE(page.body.find("id=\"f-evidence-error\""), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(dir_.path() / ".gpaikit/portal-uploads"));
}

TEST_F(IntakePagesTest, ARequestIsDueAfterTheCodesPeriodAndEntersTheRegister) {
  Fields fields = {{"organisation", "Downstream GmbH"},
                   {"name", "Bo"},
                   {"email", "bo@downstream.example"},
                   {"model", "ex-7b"},
                   {"request", "The evaluation results."}};
  Response filed = site_->Handle(Post("/requests/new", "request", fields), kBase);
  ASSERT_EQ(filed.status, 200) << filed.body;
  CivilDate today = CivilDate::Today();
  EXPECT_NE(filed.body.find("R-" + std::to_string(today.year()) + "-000001"), std::string::npos);
  EXPECT_NE(filed.body.find(today.AddDays(14).ToString()), std::string::npos);
  Result<std::unique_ptr<store::Ledger>> ledger = store::Ledger::Open(dir_.path());
  Result<std::vector<docs::Request>> register_ = docs::Requests(**ledger);
  ASSERT_EQ(register_->size(), 1u);
  EXPECT_EQ((*register_)[0].due, today.AddDays(14));
  EXPECT_EQ((*register_)[0].model, "ex-7b");
  Response status = site_->Handle(Get(StatusPath(filed.body)), kBase);
  EXPECT_NE(status.body.find("Answer due"), std::string::npos);
}

TEST_F(IntakePagesTest, OneTokenShowsOnlyItsCaseAndAnUnknownOneIs404) {
  Fields other = GoodComplaint();
  other[0].second = "Zed Other";
  other[2].second = "zed@other.example";
  Response a = site_->Handle(Post("/complaints/new", "complaint", GoodComplaint()), kBase);
  Response b = site_->Handle(Post("/complaints/new", "complaint", other), kBase);
  std::string path_a = StatusPath(a.body);
  std::string path_b = StatusPath(b.body);
  ASSERT_NE(path_a, path_b);
  EXPECT_EQ(site_->Handle(Get(path_a), kBase).body.find("Zed Other"), std::string::npos);
  EXPECT_NE(site_->Handle(Get(path_b), kBase).body.find("Zed Other"), std::string::npos);
  std::string guessed = path_a;
  guessed.back() = guessed.back() == '0' ? '1' : '0';
  Response unknown = site_->Handle(Get(guessed), kBase);
  Response malformed = site_->Handle(Get("/status/../gpaikit.yaml"), kBase);
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(malformed.status, 404);
  EXPECT_EQ(unknown.body, malformed.body);
}

TEST_F(IntakePagesTest, WithMailSetUpTheFilerGetsAnAcknowledgementQueued) {
  int notified = 0;
  SiteOptions options;
  options.mail_from = "portal@example.eu";
  options.mail_queued = [&] { ++notified; };
  Load(options);
  Response filed = site_->Handle(Post("/complaints/new", "complaint", GoodComplaint()), kBase);
  ASSERT_EQ(filed.status, 200);
  EXPECT_NE(filed.body.find("acknowledgement sent to your e-mail"), std::string::npos);
  EXPECT_EQ(notified, 1);
  OpenDb();
  std::string tracking = "C-" + std::to_string(CivilDate::Today().year()) + "-000001";
  Result<std::vector<QueuedMail>> queued = MailQueue(*db_).List(tracking);
  ASSERT_TRUE(queued.ok());
  ASSERT_EQ(queued->size(), 1u);
  EXPECT_EQ((*queued)[0].recipient, "ada@press.example");
  EXPECT_NE((*queued)[0].subject.find(tracking), std::string::npos);
}

// Every regular file under .gpaikit/portal-uploads (staging included), relative to it.
std::vector<std::string> UploadFiles(const std::filesystem::path& root) {
  std::vector<std::string> files;
  std::filesystem::path folder = EvidenceFolder(root);
  if (!std::filesystem::exists(folder)) return files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(folder)) {
    if (entry.is_regular_file()) {
      files.push_back(std::filesystem::relative(entry.path(), folder).string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

Request WithEvidence(Request request) {
  request.files.push_back({"evidence", "robots.txt", "text/plain", "User-agent: *\nDisallow: /\n"});
  request.files.push_back({"evidence", "notice.txt", "text/plain", "Takedown notice\n"});
  return request;
}

TEST_F(IntakePagesTest, AFailedCommitLeavesNoEvidenceFileBehind) {
  OpenDb();
  // The case's INSERT fails inside the filing's transaction, as a full disk would make it.
  ASSERT_EQ(sqlite3_exec(db_->handle(),
                         "CREATE TRIGGER refuse_cases BEFORE INSERT ON cases "
                         "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  Response failed =
      site_->Handle(WithEvidence(Post("/complaints/new", "complaint", GoodComplaint())), kBase);
  EXPECT_EQ(failed.status, 500);
  EXPECT_EQ(failed.body, "internal error\n");  // no tracking number, no database message
  EXPECT_TRUE(Store()->ListCases()->empty());
  EXPECT_EQ(UploadFiles(dir_.path()), std::vector<std::string>{});  // staged files deleted
  // Once the database accepts the case again, the same files are filed and kept.
  ASSERT_EQ(sqlite3_exec(db_->handle(), "DROP TRIGGER refuse_cases", nullptr, nullptr, nullptr),
            SQLITE_OK);
  Response filed =
      site_->Handle(WithEvidence(Post("/complaints/new", "complaint", GoodComplaint())), kBase);
  ASSERT_EQ(filed.status, 200) << filed.body;
  std::vector<std::string> stored = {Sha256Hex("Takedown notice\n"),
                                     Sha256Hex("User-agent: *\nDisallow: /\n")};
  std::sort(stored.begin(), stored.end());
  EXPECT_EQ(UploadFiles(dir_.path()), stored);  // final names only, nothing left staged
  // Readable by the server's user only (ASVS 12.4.1).
  EXPECT_EQ(std::filesystem::status(EvidenceFolder(dir_.path()) / stored[0]).permissions() &
                std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
}

TEST_F(IntakePagesTest, AFailureAfterTheCommitKeepsTheCommittedCasesEvidence) {
  // The ledger cannot be opened: the case commits in portal.sqlite, then its ledger entry fails.
  std::filesystem::create_directories(dir_.path() / ".gpaikit" / "ledger.sqlite");
  Response failed =
      site_->Handle(WithEvidence(Post("/complaints/new", "complaint", GoodComplaint())), kBase);
  EXPECT_EQ(failed.status, 500);
  OpenDb();
  ASSERT_EQ(Store()->ListCases()->size(), 1u);  // committed, so its files must stay
  std::string hash = Sha256Hex("Takedown notice\n");
  EXPECT_EQ(*ReadFile(EvidenceFolder(dir_.path()) / hash), "Takedown notice\n");
  EXPECT_EQ(UploadFiles(dir_.path()).size(), 2u);
  // The next start writes the missing ledger entry (CaseStore::ReconcileLedger).
  std::filesystem::remove(dir_.path() / ".gpaikit" / "ledger.sqlite");
  Load({});
  Result<std::unique_ptr<store::Ledger>> ledger = store::Ledger::Open(dir_.path());
  ASSERT_TRUE(ledger.ok());
  EXPECT_EQ((*ledger)->Entries("portal.case.received")->size(), 1u);
}

TEST_F(IntakePagesTest, StagedEvidenceACrashLeftIsSettledAtStart) {
  Response filed =
      site_->Handle(WithEvidence(Post("/complaints/new", "complaint", GoodComplaint())), kBase);
  ASSERT_EQ(filed.status, 200);
  namespace fs = std::filesystem;
  fs::path uploads = EvidenceFolder(dir_.path());
  fs::path staging = EvidenceStagingFolder(dir_.path());
  std::string committed = Sha256Hex("Takedown notice\n");
  // A kill -9 after the commit, before the move: the committed case's file is only staged.
  fs::rename(uploads / committed, staging / (committed + ".0123456789abcdef"));
  // A filing killed before its commit, long ago, and one a second server may still be making.
  auto write = [](const fs::path& path, const std::string& bytes) {
    ASSERT_TRUE(WriteFile(path, bytes).ok()) << path;
  };
  std::string old_bytes = "old orphan\n", young_bytes = "young orphan\n";
  write(staging / (Sha256Hex(old_bytes) + ".aaaaaaaaaaaaaaaa"), old_bytes);
  fs::last_write_time(staging / (Sha256Hex(old_bytes) + ".aaaaaaaaaaaaaaaa"),
                      fs::file_time_type::clock::now() - std::chrono::hours(2));
  write(staging / (Sha256Hex(young_bytes) + ".bbbbbbbbbbbbbbbb"), young_bytes);
  // A torn copy of the committed file (its bytes do not match its name) is not moved into place.
  std::string other = Sha256Hex("User-agent: *\nDisallow: /\n");
  fs::rename(uploads / other, staging / (other + ".cccccccccccccccc"));
  write(staging / (other + ".dddddddddddddddd"), "User-agent: *\nDis");
  fs::last_write_time(staging / (other + ".dddddddddddddddd"),
                      fs::file_time_type::clock::now() - std::chrono::hours(2));
  Load({});
  std::vector<std::string> expected = {committed, other,
                                       "staging/" + Sha256Hex(young_bytes) + ".bbbbbbbbbbbbbbbb"};
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(UploadFiles(dir_.path()), expected);
  EXPECT_EQ(*ReadFile(uploads / other), "User-agent: *\nDisallow: /\n");
}

}  // namespace
}  // namespace gpaikit::portal
