#include "dpmap/GuidedMapping.h"

#include "dpmap/DpTypeCodes.h"
#include "tuyamcu/DpUnit.h"

#include <algorithm>

namespace tuyascope::dpmap {

namespace {

// The dp types each role can have on the wire.
bool roleFitsType(const QString& role, quint8 type)
{
    static const QStringList boolRoles{QStringLiteral("switch"), QStringLiteral("contact"), QStringLiteral("motion"),
                                       QStringLiteral("child_lock")};
    static const QStringList valueRoles{QStringLiteral("brightness"), QStringLiteral("temperature_target"),
                                        QStringLiteral("countdown"), QStringLiteral("fan_speed"), QStringLiteral("position")};
    static const QStringList enumRoles{QStringLiteral("mode"), QStringLiteral("fan_speed"), QStringLiteral("light_mode")};
    if (boolRoles.contains(role))
        return type == kBool || (role == QLatin1String("contact") && type == kEnum);
    if (valueRoles.contains(role))
        return type == kValue;
    if (enumRoles.contains(role))
        return type == kEnum || type == kString;
    return false;
}

} // namespace

const QVector<UserAction>& userActions()
{
    static const QVector<UserAction> actions{
        {QStringLiteral("button"), QStringLiteral("pressed the button"), QStringLiteral("button"), {QStringLiteral("switch"), QStringLiteral("mode")}, 0},
        {QStringLiteral("switch_on"), QStringLiteral("switched it on"), QStringLiteral("power"), {QStringLiteral("switch")}, +1},
        {QStringLiteral("switch_off"), QStringLiteral("switched it off"), QStringLiteral("power"), {QStringLiteral("switch")}, -1},
        {QStringLiteral("knob_up"), QStringLiteral("turned the knob up"), QStringLiteral("knob"),
         {QStringLiteral("brightness"), QStringLiteral("temperature_target"), QStringLiteral("fan_speed")}, +1},
        {QStringLiteral("knob_down"), QStringLiteral("turned the knob down"), QStringLiteral("knob"),
         {QStringLiteral("brightness"), QStringLiteral("temperature_target"), QStringLiteral("fan_speed")}, -1},
        {QStringLiteral("setpoint_up"), QStringLiteral("raised the set-point"), QStringLiteral("set-point"), {QStringLiteral("temperature_target")}, +1},
        {QStringLiteral("setpoint_down"), QStringLiteral("lowered the set-point"), QStringLiteral("set-point"), {QStringLiteral("temperature_target")}, -1},
        {QStringLiteral("mode"), QStringLiteral("changed the mode"), QStringLiteral("mode"), {QStringLiteral("mode"), QStringLiteral("light_mode")}, 0},
        {QStringLiteral("door_open"), QStringLiteral("opened the door"), QStringLiteral("door"), {QStringLiteral("contact")}, 0},
        {QStringLiteral("door_close"), QStringLiteral("closed the door"), QStringLiteral("door"), {QStringLiteral("contact")}, 0},
        {QStringLiteral("motion"), QStringLiteral("walked past the sensor"), QStringLiteral("motion"), {QStringLiteral("motion")}, 0},
        {QStringLiteral("child_lock"), QStringLiteral("toggled the child lock"), QStringLiteral("child lock"), {QStringLiteral("child_lock")}, 0},
        {QStringLiteral("load_on"), QStringLiteral("plugged a load in"), QStringLiteral("power"), {QStringLiteral("power"), QStringLiteral("current")}, +1},
    };
    return actions;
}

const UserAction* findUserAction(const QString& key)
{
    for (const UserAction& a : userActions())
        if (a.key == key)
            return &a;
    return nullptr;
}

QVector<ActionCandidate> dpsChangedBy(const DpEngine& engine, const UserAction& action, qint64 fromUs, qint64 toUs)
{
    QVector<const DpProfile*> changed;
    for (const DpProfile& p : engine.profiles())
        if (p.lastChangeUs != kUnknownTime && p.lastChangeUs >= fromUs && p.lastChangeUs <= toUs)
            changed << &p;
    QVector<ActionCandidate> out;
    for (const DpProfile* p : changed) {
        ActionCandidate c;
        c.dp = p->id;
        c.before = mcu::dpValueText(p->type, p->valueBeforeChange);
        c.after = mcu::dpValueText(p->type, p->lastValue);
        c.changedUs = p->lastChangeUs;
        c.name = action.name;
        for (const QString& role : action.roles) {
            if (roleFitsType(role, p->type) || (action.key == QLatin1String("load_on") && p->type == kValue)) {
                c.role = role;
                break;
            }
        }
        // Alone in the window is the strongest sign; a fitting type and direction add to it.
        double score = 0.5 / double(changed.size());
        QStringList why{QStringLiteral("changed %1 -> %2 %3 s before").arg(c.before, c.after).arg(double(toUs - c.changedUs) / 1e6, 0, 'f', 1)};
        if (!c.role.isEmpty()) {
            score += 0.3;
            why << QStringLiteral("%1 fits %2").arg(mcu::dpTypeName(p->type), c.role);
        }
        const bool integer = p->type == kValue || p->type == kBool || p->type == kEnum;
        if (action.direction != 0 && integer && !p->valueBeforeChange.isEmpty()) {
            const qint64 before = mcu::dpIntegerValue(p->type, p->valueBeforeChange);
            const qint64 after = mcu::dpIntegerValue(p->type, p->lastValue);
            if ((after - before) * action.direction > 0) {
                score += 0.2;
                why << (action.direction > 0 ? QStringLiteral("it rose") : QStringLiteral("it fell"));
            } else {
                score -= 0.2;
                why << (action.direction > 0 ? QStringLiteral("but it fell") : QStringLiteral("but it rose"));
            }
        }
        c.score = std::clamp(score, 0.0, 1.0);
        c.reason = why.join(QStringLiteral("; "));
        out << c;
    }
    std::stable_sort(out.begin(), out.end(), [](const ActionCandidate& a, const ActionCandidate& b) { return a.score > b.score; });
    return out;
}

} // namespace tuyascope::dpmap
