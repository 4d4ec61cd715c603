#include "models/DpTableModel.h"

#include "document/CaptureDocument.h"
#include "dptable/DpTracker.h"

#include "dpmap/MappingImport.h"
#include "knowledge/DeviceKnowledge.h"

#include <QDateTime>
#include <QFileInfo>
#include <QFont>
#include <QGuiApplication>
#include <QPalette>

#include <algorithm>
#include <limits>

namespace tuyascope::ui {

namespace {

QString numberText(double value)
{
    return QString::number(value, 'g', 12);
}

int percent(double confidence)
{
    return qRound(confidence * 100);
}

// "low, medium, high" -> {"low", "medium", "high"}; an empty item keeps its place (no label for
// that value), trailing empty items are dropped.
QStringList enumLabelsFromText(const QString& text)
{
    QStringList labels;
    if (text.trimmed().isEmpty())
        return labels;
    for (const QString& part : text.split(QLatin1Char(',')))
        labels << part.trimmed();
    while (!labels.isEmpty() && labels.last().isEmpty())
        labels.removeLast();
    return labels;
}

std::optional<quint8> dpNumber(const QString& dpId)
{
    bool ok = false;
    const int id = dpId.toInt(&ok);
    if (!ok || id < 0 || id > 255)
        return std::nullopt;
    return quint8(id);
}

// Frame times are wall-clock microseconds; the monotonic fallback counts from the document's start.
QString clockText(qint64 timeUs)
{
    constexpr qint64 kYear2000Us = 946'684'800'000'000;
    if (timeUs >= kYear2000Us)
        return QDateTime::fromMSecsSinceEpoch(timeUs / 1000).toString(QStringLiteral("HH:mm:ss"));
    return QStringLiteral("%1 s").arg(double(timeUs) / 1e6, 0, 'f', 1);
}

// The palette's selection colour blended into its base, so a highlighted row stays readable and
// is not mistaken for the selection.
QColor highlightColour()
{
    const QPalette palette = QGuiApplication::palette();
    const QColor base = palette.color(QPalette::Base);
    const QColor hue = palette.color(QPalette::Highlight);
    constexpr float kAmount = 0.35f;
    return QColor::fromRgbF(base.redF() * (1 - kAmount) + hue.redF() * kAmount,
                            base.greenF() * (1 - kAmount) + hue.greenF() * kAmount,
                            base.blueF() * (1 - kAmount) + hue.blueF() * kAmount);
}

} // namespace

QString describeHypothesis(const dpmap::RoleHypothesis& h)
{
    QString text = h.role;
    if (h.scale != 1)
        text += QStringLiteral(" \u00D7") + QString::number(h.scale, 'g', 6);
    if (!h.unit.isEmpty())
        text += QLatin1Char(' ') + h.unit;
    return text + QStringLiteral(" (%1%)").arg(percent(h.confidence));
}

DpTableModel::DpTableModel(QObject* parent) : QAbstractTableModel(parent)
{
    m_inferenceThrottle.setSingleShot(true);
    m_inferenceThrottle.setInterval(1000 / kInferencesPerSecond);
    connect(&m_inferenceThrottle, &QTimer::timeout, this, &DpTableModel::inferenceDue);
    m_highlightTimeout.setSingleShot(true);
    m_highlightTimeout.setInterval(kHighlightMs);
    connect(&m_highlightTimeout, &QTimer::timeout, this, &DpTableModel::clearHighlight);
    m_clock.start();
}

CaptureDocument* DpTableModel::document() const
{
    return m_document;
}

void DpTableModel::setDocument(CaptureDocument* document)
{
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    beginResetModel();
    m_document = document;
    m_rows = document ? int(document->dps().series().size()) : 0;
    m_labels = DpLabels();
    m_sidecarPath.clear();
    m_sidecarWritable = true;
    m_plotted.clear();
    m_inference.reset();
    m_inferenceThrottle.stop();
    m_tracker.clear();
    m_clock.restart();
    const bool hadHighlight = !m_highlighted.isEmpty();
    m_highlighted.clear();
    m_highlightTimeout.stop();
    endResetModel();
    if (hadHighlight)
        emit highlightChanged();
    if (document) {
        connect(document, &CaptureDocument::dpsChanged, this, &DpTableModel::dpsChanged);
        connect(document, &QObject::destroyed, this, [this] { setDocument(nullptr); });
    }
    emit plottedChanged();
    emit labelsChanged({});
}

bool DpTableModel::setSidecarPath(const QString& path)
{
    m_sidecarPath = path;
    m_sidecarWritable = true;
    if (path.isEmpty())
        return true;
    QString error;
    std::optional<DpLabels> loaded = DpLabels::load(path, &error);
    if (!loaded) {
        m_sidecarWritable = false;
        emit labelsError(tr("The dp labels file does not read, so it is left alone and edits are not saved: %1").arg(error));
        return false;
    }
    if (QFileInfo::exists(path)) {
        m_labels = *loaded;
    } else if (!m_labels.isEmpty() && !m_labels.save(path, &error)) {
        emit labelsError(tr("Could not save the dp labels: %1").arg(error));
    }
    if (m_rows > 0)
        emit dataChanged(index(0, 0), index(m_rows - 1, ColumnCount - 1));
    emit labelsChanged({});
    return true;
}

const DpSeries* DpTableModel::seriesAt(int row) const
{
    if (!m_document || row < 0 || row >= m_rows)
        return nullptr;
    return &m_document->dps().series().at(row);
}

int DpTableModel::rowOfDp(const QString& dpId) const
{
    if (!m_document)
        return -1;
    const int row = m_document->dps().indexOf(dpId);
    return row < m_rows ? row : -1;
}

QStringList DpTableModel::plottedDps() const
{
    QStringList ids;
    for (int row = 0; row < m_rows; ++row)
        if (m_plotted.contains(seriesAt(row)->id))
            ids.push_back(seriesAt(row)->id);
    return ids;
}

void DpTableModel::setPlotted(const QString& dpId, bool plotted)
{
    if (m_plotted.contains(dpId) == plotted)
        return;
    if (plotted)
        m_plotted.insert(dpId);
    else
        m_plotted.remove(dpId);
    const int row = rowOfDp(dpId);
    if (row >= 0)
        emit dataChanged(index(row, Id), index(row, Id), {Qt::CheckStateRole});
    emit plottedChanged();
}

void DpTableModel::dpsChanged(const QVector<int>& series)
{
    if (!m_document)
        return;
    const int total = int(m_document->dps().series().size());
    const int published = m_rows;
    // Throttled, not debounced: a steady stream of frames still updates the suggestions.
    if (!m_inferenceThrottle.isActive())
        m_inferenceThrottle.start();
    if (total > published) {
        beginInsertRows({}, published, total - 1);
        m_rows = total;
        endInsertRows();
    }
    for (int row : series)
        if (row >= 0 && row < published)
            emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void DpTableModel::inferenceDue()
{
    m_inference.reset(); // recomputed lazily, when a Role cell is next shown
    if (m_rows > 0)
        emit dataChanged(index(0, Role), index(m_rows - 1, Role));
}

const dpmap::InferenceResult& DpTableModel::inference() const
{
    if (!m_inference) {
        ++m_inferenceRuns;
        m_inference = m_document ? dpmap::inferRoles(m_document->dps().engine()) : dpmap::InferenceResult();
        if (m_document && m_document->isLive())
            m_tracker.update(*m_inference, m_document->dps().engine(), nowUs());
    }
    return *m_inference;
}

const dpmap::DpRoles* DpTableModel::rolesOf(const QString& dpId) const
{
    const std::optional<quint8> id = dpNumber(dpId);
    return id ? inference().find(*id) : nullptr;
}

qint64 DpTableModel::nowUs() const
{
    if (m_document) {
        const FrameTable& frames = m_document->frames();
        // The newest frame with a time; a few without one (garbage lines) may follow it.
        constexpr int kLookBack = 64;
        const int last = frames.frameCount() - 1;
        for (int row = last; row >= 0 && row > last - kLookBack; --row)
            if (const qint64 t = frames.facts(row).timeUs; t != kUnknownTime)
                return t;
    }
    return m_clock.nsecsElapsed() / 1000;
}

std::optional<DpTableModel::Suggestion> DpTableModel::suggestionOf(const QString& dpId) const
{
    const dpmap::DpRoles* roles = rolesOf(dpId); // reruns inference (and so the tracker) when due
    if (!roles)
        return std::nullopt;
    if (m_document && m_document->isLive()) {
        const dpmap::StableSuggestion* steady = m_tracker.current(roles->id);
        if (!steady)
            return std::nullopt;
        return Suggestion{steady->role, steady->confidence, steady->scale, steady->unit};
    }
    const dpmap::RoleHypothesis* best = roles->best();
    if (!best)
        return std::nullopt;
    return Suggestion{best->role, best->confidence, best->scale, best->unit};
}

bool DpTableModel::suggestionSettled(const QString& dpId) const
{
    if (!suggestionOf(dpId))
        return false;
    if (!m_document->isLive())
        return true; // a saved capture is complete: no more evidence will come
    return m_tracker.settled(*dpNumber(dpId), m_document->dps().engine(), nowUs());
}

bool DpTableModel::acceptSuggestion(const QString& dpId, const QString& role)
{
    const dpmap::DpRoles* roles = rolesOf(dpId);
    const dpmap::RoleHypothesis* hypothesis = roles ? roles->find(role) : nullptr;
    if (!hypothesis)
        return false;
    DpLabels next = m_labels;
    DpLabel label = next.label(dpId);
    label.role = hypothesis->role;
    label.scale = hypothesis->scale;
    label.unit = hypothesis->unit;
    if (label.name.isEmpty())
        label.name = hypothesis->role;
    next.setLabel(dpId, label);
    setLabels(next, dpId);
    return true;
}

int DpTableModel::acceptConfidentSuggestions(double minConfidence)
{
    m_inference.reset(); // a user action: decide on everything seen so far
    DpLabels next = m_labels;
    int accepted = 0;
    for (const dpmap::DpRoles& dp : inference().dps) {
        const QString id = QString::number(dp.id);
        const std::optional<Suggestion> suggestion = suggestionOf(id);
        DpLabel label = next.label(id);
        if (!suggestion || suggestion->confidence < minConfidence || !label.role.isEmpty())
            continue; // the user's role stands
        if (!suggestionSettled(id))
            continue; // live and still young: the first frames' guesses are no decision
        label.role = suggestion->role;
        if (label.scale == 1 && label.unit.isEmpty()) {
            label.scale = suggestion->scale;
            label.unit = suggestion->unit;
        }
        if (label.name.isEmpty())
            label.name = suggestion->role;
        next.setLabel(id, label);
        ++accepted;
    }
    setLabels(next, {});
    return accepted;
}

int DpTableModel::applyModelMatch(int index)
{
    const dpmap::InferenceResult& result = inference();
    if (!m_document || index < 0 || index >= result.models.size() || !result.models.at(index).model)
        return 0;
    const knowledge::KnownModel& model = *result.models.at(index).model;
    DpLabels next = m_labels;
    int applied = 0;
    for (const dpmap::DpProfile& profile : m_document->dps().engine().profiles()) {
        const knowledge::KnownDp* known = model.find(profile.id);
        if (!known)
            continue;
        const QString id = QString::number(profile.id);
        const DpLabel before = next.label(id);
        DpLabel label = before;
        if (label.role.isEmpty())
            label.role = known->role;
        if (label.name.isEmpty())
            label.name = known->name;
        if (label.scale == 1 && label.unit.isEmpty() && isValidDpScale(known->scale)) {
            label.scale = known->scale;
            label.unit = known->unit;
        }
        if (label == before)
            continue;
        next.setLabel(id, label);
        ++applied;
    }
    setLabels(next, {});
    return applied;
}

QVector<dpmap::ActionCandidate> DpTableModel::proposeFromAction(const QString& actionKey, qint64 fromUs, qint64 toUs)
{
    QVector<dpmap::ActionCandidate> candidates;
    const dpmap::UserAction* action = dpmap::findUserAction(actionKey);
    if (action && m_document)
        candidates = dpmap::dpsChangedBy(m_document->dps().engine(), *action, fromUs, toUs);
    QSet<QString> ids;
    for (const dpmap::ActionCandidate& c : candidates)
        ids.insert(QString::number(c.dp));
    setHighlighted(ids);
    return candidates;
}

bool DpTableModel::acceptActionCandidate(const dpmap::ActionCandidate& candidate)
{
    const QString id = QString::number(candidate.dp);
    if (candidate.name.isEmpty() || rowOfDp(id) < 0)
        return false;
    DpLabels next = m_labels;
    DpLabel label = next.label(id);
    label.name = candidate.name;
    if (!candidate.role.isEmpty())
        label.role = candidate.role;
    next.setLabel(id, label);
    setLabels(next, id);
    clearHighlight();
    return true;
}

void DpTableModel::clearHighlight()
{
    setHighlighted({});
}

void DpTableModel::setHighlighted(const QSet<QString>& dpIds)
{
    if (dpIds.isEmpty())
        m_highlightTimeout.stop();
    else
        m_highlightTimeout.start();
    if (dpIds == m_highlighted)
        return;
    const QSet<QString> touched = m_highlighted + dpIds;
    m_highlighted = dpIds;
    for (const QString& id : touched)
        if (const int row = rowOfDp(id); row >= 0)
            emit dataChanged(index(row, 0), index(row, ColumnCount - 1), {HighlightRole, Qt::BackgroundRole});
    emit highlightChanged();
}

bool DpTableModel::importMapping(const QByteArray& text, QString* summary)
{
    QString format;
    const MappingImport imported = importMappingAnyFormat(text, &format);
    QStringList lines;
    const bool usable = imported.readable && !imported.hasErrors() && !imported.mapping.dps.isEmpty();
    if (!imported.readable)
        lines << tr("Not a dp mapping: nothing was imported.");
    else if (imported.hasErrors())
        lines << tr("The %1 mapping has errors: nothing was imported.").arg(format);
    else if (imported.mapping.dps.isEmpty())
        lines << tr("The %1 mapping names no dps: nothing was imported.").arg(format);
    if (usable) {
        QStringList ids;
        for (const DpMapEntry& e : imported.mapping.dps)
            ids << QString::number(e.id);
        DpLabels next = m_labels;
        applyMappingToLabels(imported.mapping, next); // keeps the user's labels where the mapping is silent
        setLabels(next, {});
        lines << tr("Imported a %1 mapping: %n dp(s) (%2).", nullptr, int(ids.size())).arg(format, ids.join(QStringLiteral(", ")));
    }
    for (const Diagnostic& note : imported.notes)
        lines << QStringLiteral("%1: %2").arg(severityName(note.severity), note.message);
    if (summary)
        *summary = lines.join(QLatin1Char('\n'));
    return usable;
}

DpMapping DpTableModel::mappingForExport() const
{
    if (!m_document)
        return mappingFromLabels(m_labels);
    return mappingForCapture(m_document->dps().engine(), m_labels);
}

void DpTableModel::setLabels(const DpLabels& labels, const QString& changedDp)
{
    if (labels == m_labels)
        return;
    m_labels = labels;
    labelEdited(changedDp);
    if (m_rows > 0)
        emit dataChanged(index(0, 0), index(m_rows - 1, ColumnCount - 1));
}

int DpTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int DpTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DpTableModel::display(const DpSeries& s, int column) const
{
    const DpLabel label = m_labels.label(s.id);
    const bool hasRange = s.numeric && s.count > 0;
    switch (column) {
    case Id: return s.id;
    case Name: return label.name;
    case Type: return s.mixedTypes ? tr("%1 (mixed)").arg(s.type) : s.type;
    case Count: return s.count;
    case Distinct: return s.distinctOverflow ? QStringLiteral("%1+").arg(s.distinct.size()) : QString::number(s.distinct.size());
    case Min: return hasRange ? scaledDpValueText(numberText(s.min), label.scale, {}) : QString();
    case Max: return hasRange ? scaledDpValueText(numberText(s.max), label.scale, {}) : QString();
    case Last: return scaledDpValueText(s.lastValue, label.scale, label.unit);
    case Writes: return s.fromController;
    case Reports: return s.fromDevice;
    case Scale: return numberText(label.scale);
    case Unit: return label.unit;
    case Role: {
        if (!label.role.isEmpty())
            return label.role;
        const std::optional<Suggestion> suggestion = suggestionOf(s.id);
        return suggestion ? tr("%1? %2%").arg(suggestion->role).arg(percent(suggestion->confidence)) : QString();
    }
    case EnumLabels: return label.enumLabels.join(QStringLiteral(", "));
    default: return {};
    }
}

QString DpTableModel::roleToolTip(const DpSeries& s) const
{
    QStringList lines;
    const QString userRole = m_labels.label(s.id).role;
    if (!userRole.isEmpty())
        lines << tr("Your role: %1").arg(userRole);
    const dpmap::DpRoles* roles = rolesOf(s.id);
    if (const std::optional<Suggestion> suggestion = suggestionOf(s.id)) {
        const dpmap::SuggestionOptions window;
        lines << (suggestionSettled(s.id)
                      ? tr("Suggested: %1 (%2%)").arg(suggestion->role).arg(percent(suggestion->confidence))
                      : tr("Suggested: %1 (%2%), not settled yet: it must hold for %3 s and %4 reports before it is "
                           "accepted with the confident suggestions")
                            .arg(suggestion->role)
                            .arg(percent(suggestion->confidence))
                            .arg(window.settleUs / 1'000'000)
                            .arg(window.settleReports));
        const dpmap::RoleHypothesis* held = roles ? roles->find(suggestion->role) : nullptr;
        if (held && !held->evidence.isEmpty()) {
            lines << tr("Evidence for %1:").arg(suggestion->role);
            for (const dpmap::RoleEvidence& e : held->evidence)
                lines << (e.weight < 0 ? tr("  against, %1: %2") : QStringLiteral("  %1: %2")).arg(dpmap::evidenceSourceName(e.source), e.text);
        }
    }
    if (!roles || roles->roles.isEmpty()) {
        lines << tr("No role inferred for dp %1").arg(s.id);
    } else {
        lines << tr("Inferred roles, best first:");
        for (const dpmap::RoleHypothesis& h : roles->roles) {
            const QString scaleUnit = h.unit.isEmpty() ? QStringLiteral("\u00D7%1").arg(numberText(h.scale))
                                                       : QStringLiteral("\u00D7%1, %2").arg(numberText(h.scale), h.unit);
            lines << QStringLiteral("%1  %2%  %3  (%4)").arg(h.role).arg(percent(h.confidence)).arg(h.reason, scaleUnit);
        }
    }
    if (roles && !roles->knownName.isEmpty())
        lines << tr("The matching device model calls it %1").arg(roles->knownName);
    if (const std::optional<quint8> id = dpNumber(s.id)) {
        const QStringList history = suggestionHistory(*id);
        if (!history.isEmpty())
            lines << tr("Suggestion history:") << history;
    }
    if (roles) {
        lines << roles->notes;
        if (!roles->changedAfterWrites.isEmpty())
            lines << tr("Changed after writes of %1").arg(roles->changedAfterWrites);
    }
    lines << tr("Right-click the row to accept a suggestion; edit the cell to set your own role.");
    return lines.join(QLatin1Char('\n'));
}

QStringList DpTableModel::suggestionHistory(quint8 dp) const
{
    QStringList lines;
    const QVector<dpmap::SuggestionChange> changes = m_tracker.changesOf(dp);
    constexpr qsizetype kMaxShown = 8; // the latest; a tooltip is no log
    for (qsizetype i = std::max<qsizetype>(0, changes.size() - kMaxShown); i < changes.size(); ++i) {
        const dpmap::SuggestionChange& c = changes.at(i);
        lines << (c.from.isEmpty() ? tr("  suggested %1: %2: %3").arg(clockText(c.timeUs), c.to, c.why)
                                   : tr("  changed %1 from %2 to %3: %4").arg(clockText(c.timeUs), c.from, c.to, c.why));
    }
    return lines;
}

QVariant DpTableModel::data(const QModelIndex& index, int role) const
{
    const DpSeries* s = index.isValid() ? seriesAt(index.row()) : nullptr;
    if (!s || index.column() >= ColumnCount)
        return {};
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole: return display(*s, column);
    case Qt::EditRole:
        if (column == Role) // the user's role, never the suggestion
            return m_labels.label(s->id).role;
        return display(*s, column); // text, so the scale editor takes any precision
    case IsSuggestionRole: return column == Role && m_labels.label(s->id).role.isEmpty() && !display(*s, Role).toString().isEmpty();
    case SuggestedRolesRole: {
        if (column != Role)
            return {};
        QStringList names;
        if (const dpmap::DpRoles* roles = rolesOf(s->id))
            for (const dpmap::RoleHypothesis& h : roles->roles)
                names << h.role;
        return names;
    }
    case Qt::FontRole:
        if (data(index, IsSuggestionRole).toBool()) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        return {};
    case Qt::ForegroundRole:
        if (data(index, IsSuggestionRole).toBool()) // a suggestion, not a decision: muted, in the theme's colours
            return QPalette().brush(QPalette::Disabled, QPalette::Text);
        return {};
    case Qt::CheckStateRole:
        if (column == Id && s->numeric)
            return m_plotted.contains(s->id) ? Qt::Checked : Qt::Unchecked;
        return {};
    case Qt::ToolTipRole:
        switch (column) {
        case Id: return s->numeric ? tr("Check to plot dp %1 over time").arg(s->id) : tr("dp %1 is not numeric").arg(s->id);
        case Distinct: {
            QString text = s->distinct.join(QStringLiteral(", "));
            if (s->distinctOverflow)
                text += tr(", ... (more than %1)").arg(DpSeries::kMaxDistinct);
            return text;
        }
        case Last: return tr("%1 (raw), frame %2").arg(s->lastValue).arg(s->lastRow + 1);
        case Writes: return tr("Units sent by the module or app");
        case Reports: return tr("Units sent by the MCU or device");
        case Scale: return tr("Shown value = raw value x scale");
        case Role: return roleToolTip(*s);
        case EnumLabels: return tr("Labels of the enum values 0, 1, 2, ... separated by commas");
        default: return {};
        }
    case Qt::TextAlignmentRole:
        if (column == Id || column == Count || column == Distinct || column == Writes || column == Reports || column == Min || column == Max)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case SortRole: {
        switch (column) {
        case Id: {
            bool ok = false;
            const double id = s->id.toDouble(&ok);
            return ok ? id : std::numeric_limits<double>::max();
        }
        case Count: return s->count;
        case Distinct: return int(s->distinct.size());
        case Min: return s->numeric ? s->min * m_labels.label(s->id).scale : 0.0;
        case Max: return s->numeric ? s->max * m_labels.label(s->id).scale : 0.0;
        case Writes: return s->fromController;
        case Reports: return s->fromDevice;
        case Scale: return m_labels.label(s->id).scale;
        default: return display(*s, column);
        }
    }
    case DpIdRole: return s->id;
    case HighlightRole: return m_highlighted.contains(s->id);
    case Qt::BackgroundRole:
        if (m_highlighted.contains(s->id))
            return highlightColour();
        return {};
    default: return {};
    }
}

bool DpTableModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    const DpSeries* s = index.isValid() ? seriesAt(index.row()) : nullptr;
    if (!s)
        return false;
    const QString id = s->id;
    if (role == Qt::CheckStateRole && index.column() == Id) {
        if (!s->numeric)
            return false;
        setPlotted(id, Qt::CheckState(value.toInt()) == Qt::Checked);
        return true;
    }
    if (role != Qt::EditRole)
        return false;
    DpLabel label = m_labels.label(id);
    switch (index.column()) {
    case Name: label.name = value.toString().trimmed(); break;
    case Unit: label.unit = value.toString().trimmed(); break;
    case Role: label.role = value.toString().trimmed(); break;
    case EnumLabels: label.enumLabels = enumLabelsFromText(value.toString()); break;
    case Scale: {
        bool ok = false;
        const QString text = value.toString().trimmed();
        const double scale = text.isEmpty() ? 1.0 : value.toDouble(&ok);
        if (!text.isEmpty() && (!ok || !isValidDpScale(scale))) {
            emit labelsError(tr("The scale of dp %1 must be a non-zero number, not \"%2\"").arg(id, text));
            return false;
        }
        label.scale = scale;
        break;
    }
    default: return false;
    }
    if (label == m_labels.label(id))
        return true;
    m_labels.setLabel(id, label);
    labelEdited(id);
    emit dataChanged(this->index(index.row(), 0), this->index(index.row(), ColumnCount - 1));
    return true;
}

void DpTableModel::labelEdited(const QString& dpId)
{
    emit labelsChanged(dpId);
    if (m_sidecarPath.isEmpty())
        return; // kept in memory until the window gives the document a sidecar path
    QString error;
    if (!m_sidecarWritable)
        emit labelsError(tr("Edits are not saved: the dp labels file %1 does not read").arg(m_sidecarPath));
    else if (!m_labels.save(m_sidecarPath, &error))
        emit labelsError(tr("Could not save the dp labels: %1").arg(error));
}

Qt::ItemFlags DpTableModel::flags(const QModelIndex& index) const
{
    const DpSeries* s = index.isValid() ? seriesAt(index.row()) : nullptr;
    if (!s)
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
    if (index.column() == Id && s->numeric)
        f |= Qt::ItemIsUserCheckable;
    if (index.column() == Name || index.column() == Scale || index.column() == Unit || index.column() == Role
        || index.column() == EnumLabels)
        f |= Qt::ItemIsEditable;
    return f;
}

QVariant DpTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole && section == Role)
        return tr("Your role for the dp, or the best inferred one in italics; saved in the capture's sidecar file");
    if (role == Qt::ToolTipRole && (section == Name || section == Scale || section == Unit || section == EnumLabels))
        return tr("Editable; saved in the capture's sidecar file");
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Id: return tr("dpId");
    case Name: return tr("Name");
    case Type: return tr("Type");
    case Count: return tr("Count");
    case Distinct: return tr("Distinct");
    case Min: return tr("Min");
    case Max: return tr("Max");
    case Last: return tr("Last value");
    case Writes: return tr("Writes");
    case Reports: return tr("Reports");
    case Scale: return tr("Scale");
    case Unit: return tr("Unit");
    case Role: return tr("Role");
    case EnumLabels: return tr("Enum labels");
    default: return {};
    }
}

} // namespace tuyascope::ui
