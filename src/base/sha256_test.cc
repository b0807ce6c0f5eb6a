// Tests for SHA-256: the FIPS 180-2 appendix B known answers.
#include "gpaikit/base/sha256.h"

#include <gtest/gtest.h>

namespace gpaikit {
namespace {

TEST(Sha256Test, KnownAnswers) {
  // FIPS 180-2 appendix B.1 ("abc") and B.2 (the 448-bit two-block message).
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  // The empty message (FIPS 180-4 examples, SHA-256 of "").
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

}  // namespace
}  // namespace gpaikit
