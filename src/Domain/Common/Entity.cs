namespace NotesSync.Domain.Common;

/// <summary>Marks the root of an aggregate: the only entity a repository loads and saves.</summary>
public interface IAggregateRoot;

/// <summary>Every row NotesSync stores belongs to one Zoho organisation; uninstall purges by this key.</summary>
public interface IOrganisationOwned
{
    string OrgId { get; }
}

public abstract class Entity
{
    public Guid Id { get; protected init; } = Guid.CreateVersion7();
}

/// <summary>
/// An aggregate root carries an app-managed concurrency token (no rowversion, so the model stays
/// provider-neutral): every change through the aggregate bumps it, and a save that raced another one fails.
/// </summary>
public abstract class AggregateRoot : Entity, IAggregateRoot, IOrganisationOwned
{
    public string OrgId { get; protected init; } = "";
    public int Version { get; private set; }

    protected void Touch() => Version++;
}
