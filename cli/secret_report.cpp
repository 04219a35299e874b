#include "cli/secret_report.hpp"

#include <map>

namespace gitopsgen::cli {

std::string secret_commands(const std::vector<SecretInstruction>& secrets) {
  if (secrets.empty()) return "";
  std::string out =
      "\nCreate these secrets in AWS Secrets Manager (fill in the values; they never enter git):\n";
  for (const auto& s : secrets) {
    std::string json = "{";
    for (std::size_t i = 0; i < s.keys.size(); ++i)
      json += (i ? "," : "") + std::string("\"") + s.keys[i] + "\":\"\"";
    out += "  aws secretsmanager create-secret --region " + s.region + " --name " + s.object_name +
           " --secret-string '" + json + "}'\n";
  }
  // One policy per role, granting read on exactly the secrets it reads (their names end in a
  // random suffix, hence the '*'), so no environment's pods read another's.
  std::map<std::string, std::vector<const SecretInstruction*>> by_role;
  for (const auto& s : secrets)
    if (!s.role_arn.empty()) by_role[s.role_arn].push_back(&s);
  if (by_role.empty()) return out;
  out +=
      "\nLet each IAM role read only its own secrets (its trust policy admits the service's "
      "account through the cluster's OIDC provider):\n";
  for (const auto& [role, reads] : by_role) {
    const auto arn_parts = role.substr(0, role.find(":role/"));  // arn:aws:iam::<account>
    const auto account = arn_parts.substr(arn_parts.rfind(':') + 1);
    const auto partition = role.substr(4, role.find(':', 4) - 4);
    std::string resources;
    for (const auto* s : reads)
      resources += std::string(resources.empty() ? "" : ",") + "\"arn:" + partition +
                   ":secretsmanager:" + s->region + ":" + account + ":secret:" + s->object_name +
                   "-*\"";
    const auto name = role.substr(role.rfind('/') + 1);
    out += "  aws iam put-role-policy --role-name " + name + " --policy-name " + name +
           "-secrets --policy-document "
           "'{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":["
           "\"secretsmanager:GetSecretValue\",\"secretsmanager:DescribeSecret\"],\"Resource\":[" +
           resources + "]}]}'\n";
  }
  return out;
}

JsonValue secrets_value(const std::vector<SecretInstruction>& secrets) {
  auto list = JsonValue::array();
  for (const auto& s : secrets) {
    auto entry = JsonValue::object();
    entry.add("name", s.object_name)
        .add("region", s.region)
        .add("role", JsonValue::string_or_null(s.role_arn))
        .add("keys", JsonValue::strings(s.keys));
    list.push(std::move(entry));
  }
  return list;
}

}  // namespace gitopsgen::cli
