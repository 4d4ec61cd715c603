#pragma once
// Decodes frames of a live capture as they complete. The protocol family is decided the way a
// session decides it (evidence per frame, locked by a strong vote), but incrementally: frames
// before the decision are decoded with what their command word alone proves.

#include "dissect/Dissection.h"
#include "live/LiveCapture.h"
#include "tuyamcu/Family.h"

#include <QString>

namespace tuyascope {

class LiveDecoder {
public:
    explicit LiveDecoder(mcu::Family forced = mcu::Family::Unknown);

    // Records the frame's evidence, then dissects it in the current family.
    Dissection decode(const LiveFrameEvent& event);
    mcu::Family family() const { return m_family; }
    QString familyEvidence() const { return m_evidence; }
    // Another component (the host) knows the family: use it from now on.
    void setFamily(mcu::Family family, const QString& evidence);

private:
    void observe(const LiveFrameEvent& event);

    bool m_forced = false;
    bool m_locked = false;
    mcu::Family m_family = mcu::Family::Unknown;
    QString m_evidence;
    int m_votes[3] = {0, 0, 0}; // Unknown, Standard, LowPower
};

} // namespace tuyascope
