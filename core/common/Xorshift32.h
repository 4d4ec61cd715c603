#pragma once
// A tiny deterministic generator: the same sequence on every platform for a given seed, so
// simulated values and test chunkings are reproducible.

#include <QtGlobal>

namespace tuyascope {

class Xorshift32 {
public:
    explicit Xorshift32(quint32 seed = 1) : m_state(seed ? seed : 1) {}
    void seed(quint32 seed) { m_state = seed ? seed : 1; }
    quint32 next()
    {
        m_state ^= m_state << 13;
        m_state ^= m_state >> 17;
        m_state ^= m_state << 5;
        return m_state;
    }

private:
    quint32 m_state;
};

} // namespace tuyascope
