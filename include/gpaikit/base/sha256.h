// SHA-256 (FIPS 180-4) through OpenSSL EVP: the one digest gpaikit records and publishes.
#ifndef GPAIKIT_BASE_SHA256_H_
#define GPAIKIT_BASE_SHA256_H_

#include <string>
#include <string_view>

namespace gpaikit {

// SHA-256 of `data`, as 64 lowercase hex digits.
std::string Sha256Hex(std::string_view data);

// True when `text` is a SHA-256 as Sha256Hex writes it: 64 lowercase hex digits.
bool IsSha256Hex(std::string_view text);

}  // namespace gpaikit

#endif  // GPAIKIT_BASE_SHA256_H_
