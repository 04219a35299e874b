// Internal to `migrate add-env`: one service's files of an environment rewritten for another.
#pragma once

#include <string>
#include <vector>

#include "generators/platform/settings.hpp"
#include "generators/services/add_service.hpp"
#include "generators/services/service_inventory.hpp"

namespace gitopsgen {

// The environment copied and the one its copy is for.
struct EnvironmentCopy {
  Environment from;
  Environment to;
};

// `host` of environment `from` as environment `to` serves it: `svc.<from>.domain` becomes
// `svc.<to>.domain`; a host without the environment label (production's) gets `to` after its
// first label, as add-service derives hosts.
std::string copy_host(const std::string& host, const std::string& from, const std::string& to);

// `text` with the leading comment lines add-service writes saying `to` where they name `from`
// (a trailing ` in <from>`, `app-of-apps-<from> `); every other byte unchanged.
std::string copy_header_comments(const std::string& text, const std::string& from,
                                 const std::string& to);

// The environment variables the language presets derive from the environment's name
// (SPRING_PROFILES_ACTIVE).
std::vector<std::string> environment_named_variables();

// A value file copied for another environment.
struct CopiedValueFile {
  std::string text;
  std::vector<IngressClaim> ingress;       // the routes it claims (when ingress is enabled)
  std::vector<SecretInstruction> secrets;  // the renamed secrets, which must be created
};

// `text`, the value file `source` of `copy.from`, copied for `copy.to` with byte-exact edits of
// the header comments, each ingress host, each secretsManager objectName `<from>/…` and the
// environment-named variables; `region` is the secrets' region when the file names none. An
// IRSA role annotation equal to `roles.first` (the service's role in `copy.from`) becomes
// `roles.second` (its role in `copy.to`). Throws Error naming `source`.
CopiedValueFile copy_value_file(const std::string& text, const std::string& source,
                                const EnvironmentCopy& copy, const std::string& region,
                                const std::pair<std::string, std::string>& roles = {});

// `text`, the Application file `source` deploying `service` in `copy.from`, copied for `copy.to`
// with byte-exact edits of the header comments, metadata.name (its `-<from>` suffix replaced,
// else `fallback_name`), labels.environment, destination.namespace and each helm value file named
// `<service>-<from>.yaml`; throws Error naming `source`, also when no value file was renamed.
std::string copy_application(const std::string& text, const std::string& source,
                             const EnvironmentCopy& copy, const std::string& service,
                             const std::string& fallback_name);

}  // namespace gitopsgen
