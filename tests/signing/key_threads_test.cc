// One key used from several threads at once: PublicKey::Verify and
// PrivateKey::Sign are const and documented as safe to call concurrently.
// An ECDSA key once shared one Crypto++ verifier (whose curve keeps scratch
// points in mutable members) between threads: a two-thread audit corrupted
// the heap or reported valid signatures as invalid.
#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "testing/testing.h"
#include "tradefin/signing/keys.h"

namespace tradefin {
namespace {

TEST_CASE("keys: one key verifies and signs on several threads at once"
          * doctest::test_suite("concurrency")) {
  for (KeyType type : {KeyType::kEcdsaP256, KeyType::kEd25519}) {
    auto key = PrivateKey::Generate(type);
    REQUIRE_OK(key);
    const PublicKey pub = key->public_key();
    std::vector<std::string> messages, signatures;
    for (int i = 0; i < 16; ++i) {
      messages.push_back("message " + std::to_string(i) + std::string(200, 'x'));
      auto s = key->Sign(messages.back());
      REQUIRE_OK(s);
      signatures.push_back(*s);
    }
    // Warm the key past its first (plain) verification, so the threads
    // below all take the precomputed path.
    REQUIRE(pub.Verify(messages[0], signatures[0]));
    std::atomic<int> wrong{0}, sign_failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
      threads.emplace_back([&, t] {
        for (int round = 0; round < 60; ++round) {
          size_t i = static_cast<size_t>((t + round) % 16);
          if (!pub.Verify(messages[i], signatures[i])) ++wrong;
          // A signature over another message must not verify.
          if (pub.Verify(messages[i], signatures[(i + 1) % 16])) ++wrong;
          if (round % 10 == 0) {
            auto s = key->Sign(messages[i]);
            if (!s.ok() || !pub.Verify(messages[i], *s)) ++sign_failures;
          }
        }
      });
    }
    for (auto& th : threads) th.join();
    const std::string type_name(KeyTypeName(type));
    CAPTURE(type_name);
    CHECK(wrong.load() == 0);
    CHECK(sign_failures.load() == 0);
  }
}

}  // namespace
}  // namespace tradefin
