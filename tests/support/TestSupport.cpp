#include "support/TestSupport.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>

namespace tuyascope::test {

QString sharedPath(const QString& relative)
{
    return QDir(QStringLiteral(TUYASCOPE_SHARED_DIR)).filePath(relative);
}

QString sourcePath(const QString& relative)
{
    return QDir(QStringLiteral(TUYASCOPE_SOURCE_DIR)).filePath(relative);
}

QByteArray readFile(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return QByteArray();
    return f.readAll();
}

QByteArray fromHex(const QString& hex)
{
    QString clean = hex;
    clean.remove(QRegularExpression(QStringLiteral("\\s")));
    return QByteArray::fromHex(clean.toLatin1());
}

QVector<McuVector> loadMcuVectors()
{
    QVector<McuVector> out;
    const QString text = QString::fromUtf8(readFile(sharedPath(QStringLiteral("vectors/tuyamcu-frames.txt"))));
    const QStringList lines = text.split(QLatin1Char('\n'));
    QString section;
    static const QRegularExpression sectionRe(QStringLiteral("^# === SECTION: (.*?)(?: \\(.*\\))? ===$"));
    for (int i = 0; i < lines.size(); ++i) {
        const QString line = lines.at(i).trimmed();
        if (line.isEmpty())
            continue;
        if (line.startsWith(QLatin1Char('#'))) {
            const auto m = sectionRe.match(line);
            if (m.hasMatch())
                section = m.captured(1);
            continue;
        }
        const int hash = line.indexOf(QStringLiteral("  # "));
        if (hash < 0)
            continue;
        McuVector v;
        v.section = section;
        v.line = i + 1;
        v.hex = line.left(hash).trimmed();
        const QStringList parts = line.mid(hash + 4).split(QStringLiteral(" | "));
        if (section.startsWith(QLatin1String("malformed"))) {
            v.meaning = line.mid(hash + 4);
        } else if (parts.size() >= 4) {
            v.source = parts.at(0).trimmed();
            v.direction = parts.at(1).trimmed();
            v.family = parts.at(2).trimmed();
            v.meaning = parts.mid(3).join(QStringLiteral(" | ")).trimmed();
        }
        out.push_back(v);
    }
    return out;
}

DeviceProfile profileNamed(const QString& name)
{
    DeviceProfile profile;
    QString error;
    if (!loadDeviceProfile(name, profile, &error))
        qWarning("%s", qPrintable(error));
    return profile;
}

} // namespace tuyascope::test
