// Telling a PEM private key from a placeholder that only looks like one.
#pragma once

#include <string_view>

namespace gitopsgen {

// True when `body` — the text after a "-----BEGIN ... PRIVATE KEY-----" header up to its END
// marker (or the end of the text), as it stands in a file — holds a key: its lines, without
// comment markers ('#', "//", ';'), quotes, "\n" escapes and indentation, are PEM headers and
// base64 that decodes to a key structure: a DER SEQUENCE whose length fills the data exactly,
// an OpenSSH key ("openssh-key-v1"), an OpenPGP packet, or legacy-encrypted (Proc-Type
// 4,ENCRYPTED) cipher blocks. A placeholder ("...", a line of dots, prose) or nothing is none.
bool holds_private_key(std::string_view body);

}  // namespace gitopsgen
