#include "cli/secret_report.hpp"

#include "cli/output.hpp"

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
  return out;
}

std::string secrets_json(const std::vector<SecretInstruction>& secrets) {
  std::string out = "\"secrets\":[";
  for (std::size_t i = 0; i < secrets.size(); ++i) {
    out += std::string(i ? "," : "") + "{\"name\":" + json_string(secrets[i].object_name) +
           ",\"region\":" + json_string(secrets[i].region) + ",\"keys\":[";
    for (std::size_t k = 0; k < secrets[i].keys.size(); ++k)
      out += (k ? "," : "") + json_string(secrets[i].keys[k]);
    out += "]}";
  }
  return out + "]";
}

}  // namespace gitopsgen::cli
