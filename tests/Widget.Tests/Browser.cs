using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace NotesSync.Widget.Tests;

/// <summary>One Chromium for every browser test: Debian's (apt package chromium), launched by its path.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Where Debian installs it; NOTESSYNC_CHROMIUM names another.</summary>
    public static string ChromiumPath => Environment.GetEnvironmentVariable("NOTESSYNC_CHROMIUM") ?? "/usr/bin/chromium";

    private IPlaywright? _playwright;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(ChromiumPath), $"No Chromium at {ChromiumPath}: apt-get install chromium (.ci/run does).");
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Root in a container has no user namespace for Chromium's sandbox.
            Args = ["--no-sandbox"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Chromium";
}

/// <summary>A page of the widget at the tab's usual size, with the checks every screen gets: axe, and a screenshot.</summary>
public sealed class WidgetPage(IBrowserContext context, IPage page) : IAsyncDisposable
{
    public IPage Page { get; } = page;

    /// <summary>Where the screenshots go: screenshots/ beside the test assembly (README shows two of them).</summary>
    public static string ScreenshotFolder => Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <param name="controlClock">The page's timers wait for <see cref="IClock.FastForwardAsync(string)"/> instead of running by themselves.</param>
    public static async Task<WidgetPage> OpenAsync(IBrowser browser, Uri url, bool controlClock = false)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1024, Height = 700 },
            Locale = "en-GB",
            TimezoneId = "Europe/Paris",
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        var widget = new WidgetPage(context, page);
        // The browser's own line for each refused call (a 422 the screen explains) is not the widget's error.
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
                widget.ConsoleErrors.Add(message.Text);
        };
        page.PageError += (_, error) => widget.ConsoleErrors.Add(error);
        if (controlClock) await page.Clock.InstallAsync();
        await page.GotoAsync(url.ToString());
        return widget;
    }

    /// <summary>What the page logged as errors (a script that threw, a call the browser refused).</summary>
    public List<string> ConsoleErrors { get; } = [];

    /// <summary>axe-core finds no serious or critical violation on the page as it is now; a screenshot is saved under <paramref name="name"/>.</summary>
    public async Task CheckScreenAsync(string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, $"{name}.png"), FullPage = true });
        AxeResult result = await Page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")
            .ToList();
        Assert.True(serious.Count == 0, $"axe on {name}:\n{string.Join('\n', serious)}");
    }

    public ILocator Role(AriaRole role, string name) => Page.GetByRole(role, new() { Name = name, Exact = true });

    public async ValueTask DisposeAsync() => await context.CloseAsync();
}
