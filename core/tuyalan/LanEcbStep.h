#pragma once
// Internal to the LAN dissector: AES-ECB decryption of a frame range into the plaintext source,
// shared by the 3.2/3.3 and 3.4 pipelines and the 3.1 envelope.

#include "tuyalan/LanDissectState.h"

namespace tuyascope::lan::detail {

struct EcbOutcome {
    bool decrypted = false;
    qsizetype bodyEnd = 0;   // in the plaintext source
    int paddingLength = 0;   // verified PKCS#7 bytes (0 when bad)
    KeyRole role = KeyRole::None;
};

// Every decrypted byte goes into source 1; the first key whose padding verifies wins, otherwise
// the first key's output is shown, flagged LAN_BAD_PADDING.
EcbOutcome decryptEcb(LanDissectState& s, qsizetype offset, qsizetype length, int ciphertextField);

// Added after the body so the plaintext fields read in byte order.
void addPaddingField(LanDissectState& s, const EcbOutcome& r);

} // namespace tuyascope::lan::detail
