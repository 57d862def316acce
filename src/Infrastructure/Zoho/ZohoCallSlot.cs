using NotesSync.Domain.Common;

namespace NotesSync.Infrastructure.Zoho;

/// <summary>
/// One of an organisation's Zoho call slots, shared by every node through the database (ADR 0006): there are
/// <see cref="ZohoOptions.MaxConcurrencyPerOrg"/> of them, and a call is sent only while its node holds one. A slot is
/// free when <see cref="HeldUntil"/> has passed, so the slots of a node killed in the middle of its calls come back by
/// themselves when their lease runs out; a live node renews the lease of a long call.
/// </summary>
public sealed class ZohoCallSlot : IOrganisationOwned
{
    private ZohoCallSlot() { }

    public ZohoCallSlot(string orgId, int slot)
    {
        OrgId = orgId;
        Slot = slot;
        HeldUntil = DateTimeOffset.UnixEpoch;
    }

    public string OrgId { get; private set; } = "";

    /// <summary>0 to the limit less one; rows past a lowered limit are never taken again.</summary>
    public int Slot { get; private set; }

    /// <summary>The call holding the slot (its node's name and a number of its own), for release and diagnosis.</summary>
    public string? Holder { get; private set; }

    public DateTimeOffset HeldUntil { get; private set; }
}
