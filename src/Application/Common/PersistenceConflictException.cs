namespace NotesSync.Application.Common;

/// <summary>
/// A save lost a race: another request changed the same aggregate, or inserted the same unique key, first.
/// Thrown by the repositories so that handlers need not know the database.
/// </summary>
public sealed class PersistenceConflictException(string message, Exception inner) : Exception(message, inner);
