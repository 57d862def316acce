namespace NotesSync.Simulators.Zoho.Http;

/// <summary>What the call log needs to know about one request while it runs.</summary>
internal sealed class CallContext
{
    public ZohoOrg? Org { get; set; }

    public ZohoUser? User { get; set; }

    public ZohoFault? Fault { get; set; }

    public bool Aborted { get; set; }
}
