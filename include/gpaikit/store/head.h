// The ledger's head (the newest entry's number and hash) and its Ed25519 signature (libsodium):
// a witness outside the database, so that anyone who saw a published head can later detect a
// rollback or a rewritten chain (docs/ledger.md "Heads"; Code of Practice, Transparency, 1.3).
#ifndef GPAIKIT_STORE_HEAD_H_
#define GPAIKIT_STORE_HEAD_H_

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "gpaikit/base/status.h"

namespace gpaikit::store {

// The newest entry, and optionally who vouched for it.
struct Head {
  int64_t seq = 0;   // 1 or more
  std::string hash;  // 64 lowercase hex digits
  // Set when the head is signed: the signer's Ed25519 public key and the signature over
  // SignedBytes(), both lowercase hex.
  std::string public_key;
  std::string signature;

  bool is_signed() const { return !signature.empty(); }
  // "gpaikit-ledger-head-v1\n" SEQ " " HASH "\n": what the signature covers.
  std::string SignedBytes() const;
  // The head file's text: "SEQ HASH\n", then "ed25519 PUBLIC_KEY SIGNATURE\n" when signed.
  std::string ToText() const;
  // True when signed and the signature checks out against `public_key`.
  bool SignatureValid() const;
};

// Parses a head file's text strictly: one line "SEQ HASH" (SEQ from 1 to 10^18 without leading
// zeros, HASH 64 lowercase hex digits), optionally a second "ed25519 KEY SIGNATURE" line.
// InvalidInput naming `where`, the line and what was expected; nothing else is accepted.
Result<Head> ParseHead(std::string_view text, const std::string& where);

// An Ed25519 key that signs heads. It lives outside the project folder (a key beside the ledger
// would let whoever can rewrite the ledger re-sign it).
class HeadKey {
 public:
  static HeadKey Generate();
  // Reads a key file written by Save: "gpaikit-ledger-key-v1 SEED_HEX\n". InvalidInput naming
  // the file when it is malformed; NotFound when it does not exist.
  static Result<HeadKey> Load(const std::filesystem::path& file);
  // Writes the key file (mode 0600), refusing to overwrite an existing one.
  Status Save(const std::filesystem::path& file) const;
  std::string PublicKeyHex() const;
  // `head` with public_key and signature set.
  Head Sign(Head head) const;

 private:
  std::array<unsigned char, 64> secret_{};
  std::array<unsigned char, 32> public_{};
};

// Where the signing key is looked for: $GPAIKIT_LEDGER_KEY when set, else
// $XDG_CONFIG_HOME/gpaikit/ledger.key, else ~/.config/gpaikit/ledger.key.
std::filesystem::path DefaultKeyPath();
// The key at DefaultKeyPath() when that file exists, else nullopt; InvalidInput when the file is
// malformed or lies inside `project_root`.
Result<std::optional<HeadKey>> LoadDefaultKey(const std::filesystem::path& project_root);

}  // namespace gpaikit::store

#endif  // GPAIKIT_STORE_HEAD_H_
