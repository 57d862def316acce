using Hangfire.Logging;
using Microsoft.Extensions.Logging;
using HangfireLevel = Hangfire.Logging.LogLevel;
using MsLevel = Microsoft.Extensions.Logging.LogLevel;

namespace NotesSync.Infrastructure.Jobs;

/// <summary>
/// Hangfire logs through one process-wide provider, not through a host's DI. Pinning it to the first host's
/// logger factory breaks every later host in the same process (the functional tests start many) once the first is
/// disposed; this provider follows the host that started last and drops a message rather than throw.
/// </summary>
internal sealed class HangfireLogging : ILogProvider
{
    private static volatile ILoggerFactory? _factory;

    public static void Use(ILoggerFactory factory) => _factory = factory;

    public ILog GetLogger(string name) => new Logger(name);

    private sealed class Logger(string name) : ILog
    {
        public bool Log(HangfireLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            try
            {
                if (_factory?.CreateLogger(name) is not { } logger) return false;
                var level = Map(logLevel);
                if (messageFunc is null) return logger.IsEnabled(level);
                logger.Log(level, 0, exception, "{Message}", messageFunc());
                return true;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }

        private static MsLevel Map(HangfireLevel level) => level switch
        {
            HangfireLevel.Trace => MsLevel.Trace,
            HangfireLevel.Debug => MsLevel.Debug,
            HangfireLevel.Info => MsLevel.Information,
            HangfireLevel.Warn => MsLevel.Warning,
            HangfireLevel.Error => MsLevel.Error,
            _ => MsLevel.Critical,
        };
    }
}
