#include "generators/change/secret_scan.hpp"

#include <doctest/doctest.h>

#include <random>
#include <tuple>

#include "generators/change/changeset_checks.hpp"
#include "generators/error.hpp"
#include "generators/platform/init_platform.hpp"
#include "generators/services/add_service.hpp"

using namespace gitopsgen;

namespace {

// The findings of `text` as "line:rule:key" strings, for compact assertions.
std::vector<std::string> found(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& f : scan_for_secrets(text))
    out.push_back(std::to_string(f.line) + ":" + describe(f.rule) + ":" + f.key +
                  (f.waived ? ":waived" : ""));
  return out;
}

using Lines = std::vector<std::string>;

// `base` with `changes` applied, as a new in-memory repository.
MemoryWorkspace applied(const Workspace& base, const ChangeSet& changes) {
  MemoryWorkspace out;
  for (const auto& path : base.list_files(""))
    if (const auto bytes = changes.read_after(path)) out.put(path, *bytes);
  for (const auto& c : changes.changes())
    if (c.writes()) out.put(c.path, *changes.new_bytes(c));
  return out;
}

// The message check_changeset refuses `changes` with, or "" when it accepts them.
std::string refusal(const ChangeSet& changes) {
  try {
    check_changeset(changes);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

const std::string kPassword = "q7N#vR2$kL9@xW4z";

// Bodies shaped like keys (base64 of a DER SEQUENCE of 40 bytes) that are no real keys.
const std::string kKeyBody = "MCgBAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4fICEiIyQlJico";
const std::string kOtherKeyBody = "MChlZmdoaWprbG1ub3BxcnN0dXZ3eHl6e3x9fn+AgYKDhIWGh4iJiouM";

}  // namespace

TEST_CASE("the fingerprint is the first 12 hex digits of SHA-256") {
  CHECK(secret_fingerprint("abc") == "ba7816bf8f01");
  CHECK(secret_fingerprint("") == "e3b0c44298fc");
}

TEST_CASE("every PEM private-key flavour is found at its header line, never waivable") {
  for (const std::string kind :
       {"PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "DSA PRIVATE KEY",
        "ENCRYPTED PRIVATE KEY", "OPENSSH PRIVATE KEY", "PGP PRIVATE KEY BLOCK"}) {
    CAPTURE(kind);
    const std::string text = "tls:\n  key: |  # gitopsgen:allow-secret\n    -----BEGIN " + kind +
                             "-----  # gitopsgen:allow-secret\n    " + kKeyBody +
                             "\n"
                             "    -----END " +
                             kind + "-----\nnext: 1\n";
    CHECK(found(text) == Lines{"3:private key:"});
    CHECK(contains_private_key_block(text));
  }
  // Public material and look-alikes are not keys.
  CHECK(found("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n").empty());
  CHECK(found("-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----\n").empty());
  CHECK(found("# mentions a PRIVATE KEY in prose\n").empty());
  CHECK(!contains_private_key_block("-----BEGIN rsa PRIVATE KEY-----"));
  // A JSON string holding the key with \n escapes, and a header alone, are found too.
  CHECK(found(R"({"private_key": "-----BEGIN PRIVATE KEY-----\n)" + kKeyBody +
              R"(\n-----END PRIVATE KEY-----\n"})")
            .size() == 1);
  // A header with no key after it, or a placeholder body, holds nothing to leak.
  CHECK(found("TLS_KEY=-----BEGIN PRIVATE KEY-----").empty());
  CHECK(found("## -----BEGIN RSA PRIVATE KEY-----\n##   ...\n## -----END RSA PRIVATE KEY-----\n")
            .empty());
}

TEST_CASE("the same key has the same fingerprint wherever it is, another key another one") {
  const auto a = scan_for_secrets("-----BEGIN EC PRIVATE KEY-----\n" + kKeyBody +
                                  "\n-----END EC PRIVATE KEY-----\n");
  const auto b = scan_for_secrets("x: |\n  -----BEGIN EC PRIVATE KEY-----\n  " + kKeyBody +
                                  "\n  -----END EC PRIVATE KEY-----");
  const auto c = scan_for_secrets("-----BEGIN EC PRIVATE KEY-----\n" + kOtherKeyBody +
                                  "\n-----END EC PRIVATE KEY-----\n");
  REQUIRE(a.size() == 1);
  REQUIRE(b.size() == 1);
  REQUIRE(c.size() == 1);
  CHECK(a[0].fingerprint == b[0].fingerprint);
  CHECK(a[0].fingerprint != c[0].fingerprint);
}

TEST_CASE("AWS access key ids are found word-bounded, whatever the key") {
  CHECK(found("AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n") == Lines{"1:AWS access key id:"});
  CHECK(found("a: 1\nid: \"ASIAY34FZKBOKMUTVV7A\" # temporary\n") == Lines{"2:AWS access key id:"});
  CHECK(found("keys: [AKIAIOSFODNN7EXAMPLE,ABIAIOSFODNN7EXAMPLE]\n").size() == 2);
  CHECK(scan_for_secrets("k: AKIAIOSFODNN7EXAMPLE")[0].fingerprint ==
        secret_fingerprint("AKIAIOSFODNN7EXAMPLE"));
  // A secret-named key holding an access key id is one finding, not two.
  CHECK(found("token: AKIAIOSFODNN7EXAMPLE\n") == Lines{"1:AWS access key id:"});
  CHECK(found("x: XAKIAIOSFODNN7EXAMPLE\n").empty());  // inside a longer word
  CHECK(found("x: AKIAIOSFODNN7EXAMPLE1\n").empty());  // 17 characters after the prefix
  CHECK(found("x: AKIAIOSFODNN7EXAMP\n").empty());     // too short
  CHECK(found("x: AROAIOSFODNN7EXAMPLE\n").empty());   // a role id is not a credential
  CHECK(found("x: akiaiosfodnn7example\n").empty());
}

TEST_CASE("AWS secret access keys are found under their keys") {
  const std::string key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  CHECK(found("aws_secret_access_key: " + key + "\n") ==
        Lines{"1:AWS secret access key:aws_secret_access_key"});
  CHECK(found("export AWS_SECRET_ACCESS_KEY=\"" + key + "\"\n") ==
        Lines{"1:AWS secret access key:AWS_SECRET_ACCESS_KEY"});
  CHECK(found("env:\n  - name: AWS_SECRET_ACCESS_KEY\n    value: " + key + "\n") ==
        Lines{"3:AWS secret access key:AWS_SECRET_ACCESS_KEY"});
  CHECK(scan_for_secrets("secretAccessKey: '" + key + "'")[0].fingerprint ==
        secret_fingerprint(key));
}

TEST_CASE("high-entropy values under secret-named keys are found in every form") {
  CHECK(found("db:\n  password: " + kPassword + "\n") == Lines{"2:high-entropy secret:password"});
  CHECK(found("DB_PASSWORD=" + kPassword + "\n") == Lines{"1:high-entropy secret:DB_PASSWORD"});
  CHECK(found("export API_TOKEN='Zx8Kq2Lm9Pw4Rt7Y'\n") == Lines{"1:high-entropy secret:API_TOKEN"});
  CHECK(found("{\"apiKey\": \"9f8e7d6c5b4a39281706\",\n") == Lines{"1:high-entropy secret:apiKey"});
  CHECK(found("args:\n  - --client-secret=aB3dE5fG7hJ9kL1mN3pQ\n") ==
        Lines{"2:high-entropy secret:--client-secret"});
  CHECK(found("credentials: >-\n  aB3dE5fG7hJ9kL1mN3pQ\nnext: x\n") ==
        Lines{"2:high-entropy secret:credentials"});
  CHECK(found("GITHUB_TOKEN: ghp_16C7e42F292c6912E7710c838347Ae178B4a\n").size() == 1);
  CHECK(found("private_key: 123e4567-e89b-12d3-a456-426614174000\n").size() == 1);
  // The env-list form of the value files, in either order, at the value's line.
  CHECK(found("env:\n  - name: LOG_LEVEL\n    value: info\n  - name: DB_PASSWORD\n    value: \"" +
              kPassword + "\"\n") == Lines{"5:high-entropy secret:DB_PASSWORD"});
  CHECK(found("env:\n  - value: " + kPassword + "\n    name: DB_PASSWD\n") ==
        Lines{"2:high-entropy secret:DB_PASSWD"});
  // The value of another item, or of a non-secret name, is not the secret's.
  CHECK(found("env:\n  - name: DB_PASSWORD\n  - name: OTHER\n    value: " + kPassword + "\n")
            .empty());
  CHECK(found("env:\n  - name: LOG_FORMAT\n    value: " + kPassword + "\n").empty());
}

TEST_CASE("the fingerprint is of the value alone, so one waiver covers every file holding it") {
  const auto a = scan_for_secrets("password: \"" + kPassword + "\"\n");
  const auto b = scan_for_secrets("env:\n  - name: X_TOKEN\n    value: '" + kPassword + "'\n");
  REQUIRE(a.size() == 1);
  REQUIRE(b.size() == 1);
  CHECK(a[0].fingerprint == secret_fingerprint(kPassword));
  CHECK(b[0].fingerprint == a[0].fingerprint);
}

TEST_CASE("names, paths, references and low-entropy values under secret-named keys pass") {
  for (const std::string line : {
           "secretsManager:",
           "  syncToKubernetesSecret: true",
           "secretName: service-a-secrets",
           "  - secretName: my-app-7f9c2b",
           "secretObjects: []",
           "secretData: []",
           "    - objectName: dev/vsf-miniapp/service-a/database",
           "secretProviderClass: service-a-database",
           "enableSecretRotation: true",
           "PASSWORD_FILE=/mnt/secrets/db",
           "DB_PASSWORD=/run/secrets/Xk9Lq2Zp7Vb",
           "password: ${DB_PASSWORD}",
           "password: $(cat /run/secrets/db)",
           "token: {{ .Values.token | quote }}",
           "api_key: <YOUR_API_KEY>",
           "password: changeme123",
           "password: correct-horse-battery-staple",
           "password: MyPassword2024",
           "secret: ServiceADatabase",
           "token_url: https://auth.example.com/oauth2/token",
           "secretArn: arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-Ab3XyZ",
           "password: aB3#x",
           "password: two words Ab3Xy9Qz",
           "password:",
           "key: DATABASE_PASSWORD",
           "objectAlias: database-password",
       }) {
    CAPTURE(line);
    CHECK(found(line + "\n").empty());
  }
}

TEST_CASE("random strings under a secret-named key are nearly always found (measured)") {
  std::mt19937 random(7);
  const std::string alphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!@#%^&*-_";
  int hits = 0;
  constexpr int kTries = 1000;
  for (int t = 0; t < kTries; ++t) {
    std::string value;
    for (int i = 0; i < 20; ++i) value += alphabet[random() % alphabet.size()];
    hits += !scan_for_secrets("API_TOKEN='" + value + "'\n").empty();
  }
  CHECK(hits >= kTries * 93 / 100);
}

TEST_CASE("an inline comment waives a finding on its own line only") {
  CHECK(found("password: " + kPassword + "  # gitopsgen:allow-secret\n") ==
        Lines{"1:high-entropy secret:password:waived"});
  CHECK(found("k: AKIAIOSFODNN7EXAMPLE #gitopsgen:allow-secret\nj: AKIAIOSFODNN7EXAMPLE\n") ==
        Lines{"1:AWS access key id::waived", "2:AWS access key id:"});
  // Not in a comment, it waives nothing.
  CHECK(found("k: \"AKIAIOSFODNN7EXAMPLE#gitopsgen:allow-secret\"\n") ==
        Lines{"1:AWS access key id:"});
  CHECK(found("k: AKIAIOSFODNN7EXAMPLE gitopsgen:allow-secret\n") == Lines{"1:AWS access key id:"});
}

TEST_CASE("the waiver file lists fingerprints, one a line, with comments") {
  CHECK(parse_secret_waivers("# test fixtures\nBA7816BF8F01\n\ne3b0c44298fc  # empty\r\n") ==
        std::set<std::string>{"ba7816bf8f01", "e3b0c44298fc"});
  CHECK_THROWS_WITH_AS(parse_secret_waivers("ba7816bf8f01\nhunter2\n"),
                       ".gitopsgen-allow-secrets:2: expected a 12-hex-digit secret fingerprint, "
                       "one per line",
                       Error);
}

TEST_CASE(
    "check_changeset refuses a secret with file, line, rule and fingerprint, never the "
    "secret") {
  MemoryWorkspace repo;
  ChangeSet changes(repo);
  changes.put("charts/p/ci/a-dev.yaml",
              "env:\n  - name: DB_PASSWORD\n    value: \"" + kPassword + "\"\n");
  const auto message = refusal(changes);
  CHECK(message ==
        "refusing to commit: charts/p/ci/a-dev.yaml:3: high-entropy secret under "
        "DB_PASSWORD (fingerprint " +
            secret_fingerprint(kPassword) + "; waive it in .gitopsgen-allow-secrets)");
  CHECK(message.find(kPassword) == std::string::npos);

  SUBCASE("several findings: the first, then how many more") {
    changes.put("charts/p/ci/a-prod.yaml", "password: " + kPassword + "\n");
    changes.put("notes.env", "AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n");
    CHECK(refusal(changes).find("a-dev.yaml:3: high-entropy secret") != std::string::npos);
    CHECK(refusal(changes).substr(refusal(changes).size() - 11) == " and 2 more");
  }
  SUBCASE("a private key comes first and says it can never be waived") {
    changes.put("z.pem",
                "-----BEGIN PRIVATE KEY-----\n" + kKeyBody + "\n-----END PRIVATE KEY-----\n");
    CHECK(refusal(changes).rfind("refusing to commit: z.pem:1: it would hold a private key "
                                 "(fingerprint ",
                                 0) == 0);
    CHECK(refusal(changes).find("private keys can never be waived) and 1 more") !=
          std::string::npos);
  }
  SUBCASE("a waiver file in the repository waives by fingerprint") {
    repo.put(".gitopsgen-allow-secrets", "# dev fixture\n" + secret_fingerprint(kPassword) + "\n");
    CHECK(refusal(changes) == "");
  }
  SUBCASE("a waiver file in the change itself counts too, a bad one is refused") {
    changes.put(".gitopsgen-allow-secrets", secret_fingerprint(kPassword) + "\n");
    CHECK(refusal(changes) == "");
    changes.put(".gitopsgen-allow-secrets", "not-a-fingerprint\n");
    CHECK(refusal(changes).find(".gitopsgen-allow-secrets:1: expected") == 0);
  }
  SUBCASE("a private key is never waived by fingerprint") {
    const std::string pem =
        "-----BEGIN PRIVATE KEY-----\n" + kKeyBody + "\n-----END PRIVATE KEY-----\n";
    ChangeSet key_only(repo);
    key_only.put("k.pem", pem);
    repo.put(".gitopsgen-allow-secrets", scan_for_secrets(pem).at(0).fingerprint + "\n");
    CHECK(refusal(key_only).find("k.pem:1: it would hold a private key") != std::string::npos);
  }
  SUBCASE("a deleted file is not scanned; an unchanged secret elsewhere is not either") {
    repo.put("old.env", "DB_PASSWORD=" + kPassword + "\n");
    ChangeSet removal(repo);
    removal.remove("old.env");
    removal.put("other.yaml", "a: 1\n");
    CHECK(refusal(removal) == "");
  }
}

TEST_CASE("nothing gitopsgen generates is flagged: init and the guide's three services") {
  MemoryWorkspace empty;
  InitRequest request;
  auto repo = applied(empty, plan_init(empty, ScaffoldSource(), request));
  const PlatformSettings settings;
  const std::vector<std::tuple<std::string, std::string, std::vector<SecretSpec>>> services = {
      {"service-a",
       "java",
       {{"database", {"url", "username", "password"}},
        {"kafka", {"brokers", "username", "password"}}}},
      {"service-b", "nodejs", {{"mongodb", {"connectionString"}}, {"redis", {"host", "password"}}}},
      {"service-c", "python", {{"postgres", {"host", "database", "username", "password"}}}},
      {"service-d", "go", {{"api-tokens", {"githubToken", "apiKey", "clientSecret"}}}},
  };
  for (const auto& [name, language, secrets] : services) {
    ServiceSpec spec;
    spec.name = name;
    spec.language = language;
    spec.secrets = secrets;
    spec.env = {{"PASSWORD_FILE", "/mnt/secrets/db"}, {"SECRET_NAME", name + "-secrets"}};
    repo = applied(repo,
                   plan_add_service(repo, ScaffoldSource(), settings, spec, Overwrite::no).changes);
  }
  const auto files = repo.list_files("");
  CHECK(files.size() > 40);
  std::size_t secret_words = 0;
  for (const auto& path : files) {
    const auto bytes = *repo.read(path);
    CAPTURE(path);
    CHECK(found(bytes).empty());
    secret_words += bytes.find("secret") != std::string::npos;
  }
  CHECK(secret_words > 10);  // the scan saw the files that name secrets
}
