namespace NotesSync.Widget.Sandbox;

/// <summary>Where the sandbox's pieces are: the NotesSync host it points the widget at, the Zoho simulator it plays the CRM of.</summary>
public sealed class SandboxOptions
{
    /// <summary>Where the sandbox itself listens (the widget's origin, which the host must allow: Widget:AllowedOrigins).</summary>
    public required Uri Url { get; init; }

    /// <summary>The NotesSync web host.</summary>
    public required Uri ApiUrl { get; init; }

    /// <summary>The Zoho simulator, whose first organisation is the one the sandbox installs.</summary>
    public required Uri ZohoUrl { get; init; }

    /// <summary>The Marketplace hook secret the host verifies (its Marketplace:HookSecret).</summary>
    public required string HookSecret { get; init; }

    /// <summary>The widget's app folder (widget/app); found above the running assembly when not given.</summary>
    public string? WidgetFolder { get; init; }

    public int Seats { get; init; } = 5;

    /// <summary>How long the function's tokens live: 55 minutes as in Zoho; a test of the widget's renewal makes it short.</summary>
    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromMinutes(55);
}
