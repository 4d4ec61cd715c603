// tuyascope: the desktop window. `tuyascope FILE...` opens captures, `--demo` starts the live
// demo against the simulated HY609 thermostat.
#include "HeadlessFallback.h"
#include "mainwindow/MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QSettings>

#include <cstdio>

int main(int argc, char** argv)
{
    bool demo = false;
    for (int i = 1; i < argc; ++i)
        demo = demo || QByteArray(argv[i]) == "--demo";
    if (tuyascope::gui::noDisplay()) {
        std::fprintf(stderr, "tuyascope: no display found (DISPLAY and WAYLAND_DISPLAY are unset)%s\n",
                     demo ? "; running the command-line demo instead: tuyascope-cli demo" : "");
        if (!demo)
            return 1;
        return tuyascope::gui::runCliInstead(argv[0], {QStringLiteral("demo")});
    }

    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("TuyaScope"));
    QApplication::setApplicationName(QStringLiteral("TuyaScope"));
    QApplication::setApplicationVersion(QStringLiteral(TUYASCOPE_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("TuyaScope: capture, dissect, map and drive Tuya devices."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption({QStringLiteral("demo"), QStringLiteral("Start the live demo: host mode and a simulated HY609 thermostat.")});
    parser.addOption({QStringLiteral("reset-settings"), QStringLiteral("Forget the window layout, recent files and preferences.")});
    parser.addPositionalArgument(QStringLiteral("files"), QStringLiteral("Captures to open (several files are merged into one)."),
                                 QStringLiteral("[FILE...]"));
    parser.process(app);
    if (parser.isSet(QStringLiteral("reset-settings")))
        QSettings().clear();

    tuyascope::ui::MainWindow window;
    window.show();
    if (!parser.positionalArguments().isEmpty())
        window.openFiles(parser.positionalArguments());
    if (parser.isSet(QStringLiteral("demo")))
        window.startDemo();
    return app.exec();
}
