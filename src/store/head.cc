// Ledger heads: strict parsing, the head file's text, Ed25519 signing keys (libsodium).
#include "gpaikit/store/head.h"

#include <sodium.h>
#include <sys/stat.h>

#include <cstdlib>
#include <fstream>

#include "gpaikit/base/files.h"

namespace gpaikit::store {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kKeyTag = "gpaikit-ledger-key-v1";

bool IsLowerHex(std::string_view text, size_t length) {
  if (text.size() != length) return false;
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

std::string ToHex(const unsigned char* bytes, size_t size) {
  std::string out(size * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes, size);
  out.pop_back();
  return out;
}

bool FromHex(std::string_view hex, unsigned char* out, size_t size) {
  size_t written = 0;
  return sodium_hex2bin(out, size, hex.data(), hex.size(), nullptr, &written, nullptr) == 0 &&
         written == size;
}

// Splits off the first line (without its '\n'); `rest` keeps what follows.
std::string_view TakeLine(std::string_view& rest) {
  size_t end = rest.find('\n');
  std::string_view line = rest.substr(0, end);
  rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
  return line;
}

void EnsureSodium() {
  static const bool ready = sodium_init() >= 0;
  (void)ready;
}

}  // namespace

std::string Head::SignedBytes() const {
  return "gpaikit-ledger-head-v1\n" + std::to_string(seq) + " " + hash + "\n";
}

std::string Head::ToText() const {
  std::string text = std::to_string(seq) + " " + hash + "\n";
  if (is_signed()) text += "ed25519 " + public_key + " " + signature + "\n";
  return text;
}

bool Head::SignatureValid() const {
  EnsureSodium();
  unsigned char key[crypto_sign_PUBLICKEYBYTES];
  unsigned char sig[crypto_sign_BYTES];
  if (!is_signed() || !FromHex(public_key, key, sizeof key) || !FromHex(signature, sig, sizeof sig))
    return false;
  std::string bytes = SignedBytes();
  return crypto_sign_verify_detached(sig, reinterpret_cast<const unsigned char*>(bytes.data()),
                                     bytes.size(), key) == 0;
}

Result<Head> ParseHead(std::string_view text, const std::string& where) {
  std::string_view rest = text;
  std::string_view line = TakeLine(rest);
  auto refuse = [&](int line_number, const std::string& expected) {
    return Status::InvalidInput(where + ":" + std::to_string(line_number) + ": expected " +
                                expected);
  };
  size_t space = line.find(' ');
  std::string_view seq_text = line.substr(0, space);
  Head head;
  bool digits =
      !seq_text.empty() && seq_text.size() <= 18 && seq_text[0] >= '1' && seq_text[0] <= '9';
  for (size_t i = 0; digits && i < seq_text.size(); ++i) {
    digits = seq_text[i] >= '0' && seq_text[i] <= '9';
    head.seq = head.seq * 10 + (seq_text[i] - '0');  // at most 18 digits: no overflow
  }
  if (space == std::string_view::npos || !digits || !IsLowerHex(line.substr(space + 1), 64)) {
    return refuse(1,
                  "'SEQ HASH': an entry number from 1 to 10^18 and its 64-digit lowercase "
                  "SHA-256, got '" +
                      std::string(line.substr(0, 100)) + "'");
  }
  head.hash = std::string(line.substr(space + 1));
  std::string_view signature_line = TakeLine(rest);
  if (!signature_line.empty()) {
    constexpr std::string_view kTag = "ed25519 ";
    std::string_view fields = signature_line.substr(std::min(kTag.size(), signature_line.size()));
    size_t gap = fields.find(' ');
    if (!signature_line.starts_with(kTag) || gap == std::string_view::npos ||
        !IsLowerHex(fields.substr(0, gap), 2 * crypto_sign_PUBLICKEYBYTES) ||
        !IsLowerHex(fields.substr(gap + 1), 2 * crypto_sign_BYTES)) {
      return refuse(2, "'ed25519 PUBLIC_KEY SIGNATURE' in lowercase hex");
    }
    head.public_key = std::string(fields.substr(0, gap));
    head.signature = std::string(fields.substr(gap + 1));
  }
  if (!rest.empty()) return refuse(3, "the end of the file");
  return head;
}

HeadKey HeadKey::Generate() {
  EnsureSodium();
  HeadKey key;
  crypto_sign_keypair(key.public_.data(), key.secret_.data());
  return key;
}

Result<HeadKey> HeadKey::Load(const fs::path& file) {
  Result<std::string> text = ReadFile(file);
  if (!text.ok()) return text.status();
  EnsureSodium();
  std::string_view rest = *text;
  std::string_view line = TakeLine(rest);
  unsigned char seed[crypto_sign_SEEDBYTES];
  if (!line.starts_with(kKeyTag) || line.size() != kKeyTag.size() + 1 + 2 * sizeof seed ||
      line[kKeyTag.size()] != ' ' || !FromHex(line.substr(kKeyTag.size() + 1), seed, sizeof seed)) {
    return Status::InvalidInput(file.string() + ":1: expected '" + std::string(kKeyTag) +
                                " SEED' (64 hex digits), as 'gpaikit ledger keygen' writes");
  }
  HeadKey key;
  crypto_sign_seed_keypair(key.public_.data(), key.secret_.data(), seed);
  sodium_memzero(seed, sizeof seed);
  return key;
}

Status HeadKey::Save(const fs::path& file) const {
  std::error_code error;
  if (fs::exists(file, error)) {
    return Status::InvalidInput(file.string() + ": a key file is already there; not overwritten");
  }
  if (file.has_parent_path()) fs::create_directories(file.parent_path(), error);
  unsigned char seed[crypto_sign_SEEDBYTES];
  crypto_sign_ed25519_sk_to_seed(seed, secret_.data());
  std::string text = std::string(kKeyTag) + " " + ToHex(seed, sizeof seed) + "\n";
  sodium_memzero(seed, sizeof seed);
  mode_t old_mask = ::umask(077);
  Status written = WriteFile(file, text);
  ::umask(old_mask);
  sodium_memzero(text.data(), text.size());
  return written;
}

std::string HeadKey::PublicKeyHex() const { return ToHex(public_.data(), public_.size()); }

Head HeadKey::Sign(Head head) const {
  EnsureSodium();
  std::string bytes = head.SignedBytes();
  unsigned char sig[crypto_sign_BYTES];
  crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(bytes.data()),
                       bytes.size(), secret_.data());
  head.public_key = PublicKeyHex();
  head.signature = ToHex(sig, sizeof sig);
  return head;
}

fs::path DefaultKeyPath() {
  if (const char* env = std::getenv("GPAIKIT_LEDGER_KEY"); env != nullptr && *env != '\0') {
    return env;
  }
  if (const char* config = std::getenv("XDG_CONFIG_HOME"); config != nullptr && *config != '\0') {
    return fs::path(config) / "gpaikit" / "ledger.key";
  }
  const char* home = std::getenv("HOME");
  return fs::path(home != nullptr ? home : "") / ".config" / "gpaikit" / "ledger.key";
}

Result<std::optional<HeadKey>> LoadDefaultKey(const fs::path& project_root) {
  fs::path file = DefaultKeyPath();
  std::error_code error;
  if (!fs::exists(file, error)) return std::optional<HeadKey>();
  if (LiesInside(file, project_root)) {
    return Status::InvalidInput(file.string() +
                                ": the ledger signing key lies inside the project folder; keep it "
                                "outside (whoever can rewrite the ledger could re-sign it)");
  }
  Result<HeadKey> key = HeadKey::Load(file);
  if (!key.ok()) return key.status();
  return std::optional<HeadKey>(std::move(*key));
}

}  // namespace gpaikit::store
