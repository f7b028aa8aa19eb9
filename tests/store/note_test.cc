// C2SP signed notes, checkpoints, tlog-proof and consistency text. Published
// vectors: the example of c2sp.org/signed-note and the keys and signatures of
// golang.org/x/mod/sumdb/note note_test.go (BSD-3-Clause).
#include "store/note.h"

#include <string>
#include <vector>

#include "testing/testing.h"

namespace tradefin::note {
namespace {

const std::string kEm = "\xE2\x80\x94";  // U+2014

// c2sp.org/signed-note, "Example".
const char kFooKey[] =
    "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k";
std::string FooNote() {
  return "This is an example message.\n\n" + kEm +
         " example.com/foo "
         "Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3m"
         "FXmRKuwHjG1Yu72IneyaQM=\n";
}

// golang.org/x/mod/sumdb/note note_test.go.
const char kPeterKey[] =
    "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
const char kEnochKey[] =
    "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop";
const char kGoText[] =
    "If you think cryptography is the answer to your problem,\n"
    "then you don't know what your problem is.\n";
std::string PeterSig() {
  return kEm +
         " PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1F"
         "FYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
}
std::string EnochSig() {
  return kEm +
         " EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aG"
         "rQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n";
}

VerifierKey Key(const char* text) {
  auto k = ParseVerifierKey(text);
  REQUIRE_OK(k);
  return *k;
}

PrivateKey NewKey() {
  auto k = PrivateKey::Generate(KeyType::kEd25519);
  REQUIRE_OK(k);
  return *k;
}

TEST_CASE("note: published verifier keys parse and key ids match") {
  VerifierKey foo = Key(kFooKey);
  CHECK(foo.name == "example.com/foo");
  CHECK(foo.key_id == 0x530d903au);
  CHECK(foo.public_key.size() == 32);
  CHECK(Ed25519KeyId(foo.name, foo.public_key) == 0x530d903au);
  CHECK(Key(kPeterKey).key_id == 0xc74f20a3u);
  CHECK(Key(kEnochKey).key_id == 0xaf0cfe78u);
  // transparency-dev/formats: a key whose base64 contains '+'.
  CHECK(Key("TEST+7997405c+AQcC+FTVKf0jlTdHDY3rbevmnKxxPjigCXlVtGe6RIr6")
            .key_id == 0x7997405cu);
  // A trailing newline (key read from a file) is fine.
  CHECK(ParseVerifierKey(std::string(kFooKey) + "\n").ok());

  auto pub = PublicKey::FromEd25519Raw(foo.public_key);
  REQUIRE_OK(pub);
  auto again = FormatVerifierKey("example.com/foo", *pub);
  REQUIRE_OK(again);
  CHECK(*again == kFooKey);
}

TEST_CASE("note: mangled verifier keys are rejected") {
  const std::string good = kPeterKey;
  std::vector<std::string> bad = {
      "",
      "PeterNeumann",
      "PeterNeumann+c74f20a3",
      "+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
      "PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
      "PeterNeumann+C74F20A3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
      "PeterNeumann+c74f20+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
      "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10T",
      "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TX",
      "PeterNeumann+c74f20a3+AhpdZwcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
      "Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
  };
  for (const std::string& k : bad) {
    CHECK_MESSAGE(!ParseVerifierKey(k).ok(), k);
  }
  CHECK(ParseVerifierKey(good).ok());
}

TEST_CASE("note: the C2SP example verifies") {
  auto opened = OpenNote(FooNote(), {Key(kFooKey)});
  REQUIRE_OK(opened);
  CHECK(opened->verified());
  CHECK(opened->text == "This is an example message.\n");
  CHECK(opened->verified_names == std::vector<std::string>{"example.com/foo"});
}

TEST_CASE("note: Go sumdb note vectors, one or two signers, unknown keys") {
  std::string both = std::string(kGoText) + "\n" + PeterSig() + EnochSig();
  auto opened = OpenNote(both, {Key(kPeterKey), Key(kEnochKey)});
  REQUIRE_OK(opened);
  CHECK(opened->verified());
  CHECK(opened->verified_names.size() == 2);

  // Only Enoch trusted: Peter's line is an unknown key and is ignored.
  opened = OpenNote(both, {Key(kEnochKey)});
  REQUIRE_OK(opened);
  CHECK(opened->verified());
  CHECK(opened->signatures.size() == 2);
  CHECK(opened->verified_names == std::vector<std::string>{"EnochRoot"});

  // No trusted key signed: not verified (and not an error).
  opened = OpenNote(both, {Key(kFooKey)});
  REQUIRE_OK(opened);
  CHECK_FALSE(opened->verified());
  CHECK(opened->failure == "no signature by a trusted key");

  // Repeated identical signatures are tolerated.
  opened = OpenNote(std::string(kGoText) + "\n" + PeterSig() + PeterSig(),
                    {Key(kPeterKey)});
  REQUIRE_OK(opened);
  CHECK(opened->verified());
}

TEST_CASE("note: tampered text or signature fails verification") {
  std::string tampered = FooNote();
  tampered[0] = 't';
  auto opened = OpenNote(tampered, {Key(kFooKey)});
  REQUIRE_OK(opened);
  CHECK_FALSE(opened->verified());
  CHECK(opened->failure.find("does not verify") != std::string::npos);

  // Same key id, signature bytes altered (one base64 character).
  std::string bad_sig = FooNote();
  size_t pos = bad_sig.find("Uw2QOkn8") + 10;
  bad_sig[pos] = bad_sig[pos] == 'A' ? 'B' : 'A';
  opened = OpenNote(bad_sig, {Key(kFooKey)});
  REQUIRE_OK(opened);
  CHECK_FALSE(opened->verified());

  // A bad trusted signature is not outweighed by a good one.
  std::string mixed = std::string(kGoText) + "\n" + PeterSig() + kEm +
                      " EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/"
                      "5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QA=\n";
  opened = OpenNote(mixed, {Key(kPeterKey), Key(kEnochKey)});
  REQUIRE_OK(opened);
  CHECK_FALSE(opened->verified());
}

TEST_CASE("note: malformed notes are errors, not verdicts") {
  const std::string sig = PeterSig();
  std::vector<std::string> bad = {
      "",
      std::string(kGoText),                                  // no signatures
      std::string(kGoText) + "\n",                           // blank, no sig
      std::string(kGoText) + "\n" + sig.substr(0, sig.size() - 1),  // no \n
      std::string(kGoText) + "\n- PeterNeumann " + sig.substr(17),  // hyphen
      std::string(kGoText) + "\n" + kEm + " PeterNeumann\n",
      std::string(kGoText) + "\n" + kEm + " PeterNeumann AAAA\n",  // < 5 B
      std::string(kGoText) + "\n" + kEm + " PeterNeumann !!!\n",
      std::string("a\x01") + "\n\n" + sig,                  // control char
      std::string("a\xff") + "\n\n" + sig,                  // not UTF-8
      "\n\n" + sig,                                          // empty text
  };
  for (const std::string& n : bad) {
    auto r = OpenNote(n, {Key(kPeterKey)});
    CHECK_MESSAGE(r.status().code() == StatusCode::kInvalidArgument, n);
  }
  // More than kMaxSignatures lines.
  std::string many = std::string(kGoText) + "\n";
  for (size_t i = 0; i <= kMaxSignatures; ++i) many += EnochSig();
  CHECK_FALSE(ParseNote(many).ok());
  // 16 signature lines, only one trusted: accepted.
  std::string sixteen = std::string(kGoText) + "\n";
  for (int i = 0; i < 15; ++i) sixteen += EnochSig();
  sixteen += PeterSig();
  auto r = OpenNote(sixteen, {Key(kPeterKey)});
  REQUIRE_OK(r);
  CHECK(r->verified());
}

TEST_CASE("note: sign and open round trip with a generated key") {
  PrivateKey key = NewKey();
  auto vkey_text = FormatVerifierKey("hub.example/log", key.public_key());
  REQUIRE_OK(vkey_text);
  VerifierKey vkey = Key(vkey_text->c_str());
  auto signed_note = SignNote("hello\nworld\n", "hub.example/log", key);
  REQUIRE_OK(signed_note);
  CHECK(signed_note->rfind("hello\nworld\n\n" + kEm + " hub.example/log ", 0) ==
        0);
  auto opened = OpenNote(*signed_note, {vkey});
  REQUIRE_OK(opened);
  CHECK(opened->verified());
  CHECK(opened->text == "hello\nworld\n");

  // A different key under the same name has a different key id: unknown.
  PrivateKey other = NewKey();
  auto other_vkey = FormatVerifierKey("hub.example/log", other.public_key());
  REQUIRE_OK(other_vkey);
  opened = OpenNote(*signed_note, {Key(other_vkey->c_str())});
  REQUIRE_OK(opened);
  CHECK_FALSE(opened->verified());

  CHECK_FALSE(SignNote("no newline", "n", key).ok());
  CHECK_FALSE(SignNote("x\n", "bad name", key).ok());
  CHECK_FALSE(SignNote("x\n", "a+b", key).ok());
}

TEST_CASE("note: checkpoint body format and strict parsing") {
  Checkpoint cp;
  cp.origin = "example.org/tradefin/hub-1";
  cp.size = 8;
  auto root = merkle::FromHex(
      "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");
  REQUIRE_OK(root);
  cp.root = *root;
  std::string body = FormatCheckpointBody(cp);
  CHECK(body ==
        "example.org/tradefin/hub-1\n8\n"
        "XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n");
  auto parsed = ParseCheckpointBody(body);
  REQUIRE_OK(parsed);
  CHECK(parsed->origin == cp.origin);
  CHECK(parsed->size == 8);
  CHECK(parsed->root == cp.root);
  CHECK(parsed->extensions.empty());

  auto ext = ParseCheckpointBody(body + "extension line\n");
  REQUIRE_OK(ext);
  CHECK(ext->extensions == std::vector<std::string>{"extension line"});

  const std::string root_line = "XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n";
  std::vector<std::string> bad = {
      "",
      "o\n8\n",
      "\n8\n" + root_line,
      "o\n08\n" + root_line,
      "o\n+8\n" + root_line,
      "o\n-1\n" + root_line,
      "o\n18446744073709551616\n" + root_line,
      "o\n8 \n" + root_line,
      "o\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQw==\n",
      "o\n8\n" + root_line + "\n",
      "o\n8\n" + root_line + "trailing",
  };
  for (const std::string& b : bad) {
    CHECK_MESSAGE(!ParseCheckpointBody(b).ok(), b);
  }
  CHECK(ParseCheckpointBody("o\n18446744073709551615\n" + root_line).ok());
  CHECK(ParseCheckpointBody("o\n0\n" + root_line).ok());
}

TEST_CASE("note: signed checkpoint round trip; wrong key name rejected") {
  PrivateKey key = NewKey();
  Checkpoint cp{"example.org/tradefin/hub-1", 42, merkle::EmptyRoot(), {}};
  auto signed_cp = SignCheckpoint(cp, key);
  REQUIRE_OK(signed_cp);
  auto vkey = FormatVerifierKey(cp.origin, key.public_key());
  REQUIRE_OK(vkey);
  auto opened = OpenNote(*signed_cp, {Key(vkey->c_str())});
  REQUIRE_OK(opened);
  CHECK(opened->verified());
  auto parsed = ParseCheckpointBody(opened->text);
  REQUIRE_OK(parsed);
  CHECK(parsed->size == 42);
  CHECK(parsed->root == merkle::EmptyRoot());

  cp.origin = "has space";
  CHECK_FALSE(SignCheckpoint(cp, key).ok());
}

TEST_CASE("note: tlog-proof file round trip and malformed files") {
  TlogProof proof;
  proof.index = 5;
  proof.path = {merkle::LeafHash("a"), merkle::LeafHash("b")};
  proof.checkpoint = "o\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n\n" +
                     kEm + " o AAAAAAA=\n";
  std::string text = FormatTlogProof(proof);
  CHECK(text.rfind("c2sp.org/tlog-proof@v1\nindex 5\n", 0) == 0);
  auto parsed = ParseTlogProof(text);
  REQUIRE_OK(parsed);
  CHECK_FALSE(parsed->has_extra);
  CHECK(parsed->index == 5);
  CHECK(parsed->path == proof.path);
  CHECK(parsed->checkpoint == proof.checkpoint);

  proof.has_extra = true;
  proof.extra = std::string("\x00\x01xyz", 5);
  text = FormatTlogProof(proof);
  CHECK(text.find("\nextra AAF4eXo=\nindex 5\n") != std::string::npos);
  parsed = ParseTlogProof(text);
  REQUIRE_OK(parsed);
  CHECK(parsed->has_extra);
  CHECK(parsed->extra == proof.extra);

  // An empty path (tree of one leaf) is allowed.
  proof.path.clear();
  parsed = ParseTlogProof(FormatTlogProof(proof));
  REQUIRE_OK(parsed);
  CHECK(parsed->path.empty());

  const std::string h = Base64Encode(merkle::AsBytes(merkle::EmptyRoot()));
  std::vector<std::string> bad = {
      "",
      "c2sp.org/tlog-proof@v2\nindex 1\n\ncp\n",
      "c2sp.org/tlog-proof@v1\nindex 01\n\ncp\n",
      "c2sp.org/tlog-proof@v1\nindex -1\n\ncp\n",
      "c2sp.org/tlog-proof@v1\nextra !!\nindex 1\n\ncp\n",
      "c2sp.org/tlog-proof@v1\n" + h + "\n\ncp\n",
      "c2sp.org/tlog-proof@v1\nindex 1\n" + h.substr(4) + "\n\ncp\n",
      "c2sp.org/tlog-proof@v1\nindex 1\n" + h + "\n",
      "c2sp.org/tlog-proof@v1\nindex 1\n" + h + "\n\n",
  };
  for (const std::string& b : bad) {
    CHECK_MESSAGE(!ParseTlogProof(b).ok(), b);
  }
  std::string too_long = "c2sp.org/tlog-proof@v1\nindex 1\n";
  for (size_t i = 0; i <= kMaxProofHashes; ++i) too_long += h + "\n";
  CHECK_FALSE(ParseTlogProof(too_long + "\ncp\n").ok());
}

TEST_CASE("note: consistency proof text round trip") {
  ConsistencyProofText c;
  c.old_size = 6;
  c.proof = {merkle::LeafHash("x"), merkle::LeafHash("y"),
             merkle::LeafHash("z")};
  c.checkpoint = "o\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n\n" + kEm +
                 " o AAAAAAA=\n";
  std::string text = FormatConsistencyProof(c);
  CHECK(text.rfind("old 6\n", 0) == 0);
  auto parsed = ParseConsistencyProof(text);
  REQUIRE_OK(parsed);
  CHECK(parsed->old_size == 6);
  CHECK(parsed->proof == c.proof);
  CHECK(parsed->checkpoint == c.checkpoint);
  CHECK_FALSE(ParseConsistencyProof("old x\n\ncp\n").ok());
  CHECK_FALSE(ParseConsistencyProof("new 6\n\ncp\n").ok());
}

}  // namespace
}  // namespace tradefin::note
