namespace NotesSync.Web.Hosting;

/// <summary>
/// Outside Development the host refuses to start on settings that would quietly leak or lose data: an unencrypted
/// key ring, a database nobody chose, or per-node job queues on a database several nodes share.
/// </summary>
public static class ProductionSettings
{
    public static void RefuseUnsafeSettings(this WebApplicationBuilder builder)
    {
        if (builder.Environment.IsDevelopment()) return;
        var problems = ProblemsWith(builder.Configuration);
        if (problems.Count > 0)
            throw new InvalidOperationException(
                $"NotesSync does not start in {builder.Environment.EnvironmentName} with these settings: {string.Join(" ", problems)}");
    }

    internal static List<string> ProblemsWith(IConfiguration configuration)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(configuration["DataProtection:CertificatePath"]))
            problems.Add("DataProtection:CertificatePath is not set: the key ring would sit unencrypted in the database "
                + "beside the passwords and tokens it protects, so one backup would reveal them all.");

        var database = configuration["Database:Provider"];
        if (string.IsNullOrWhiteSpace(database))
            problems.Add("Database:Provider is not set: choose SqlServer or Postgres (a database the nodes share) "
                + "or Sqlite (one node, a local file).");

        // A node cannot see another node's in-memory queue, so it cannot count them. What it can see is the database:
        // a SQLite file is local to one node, while SQL Server and PostgreSQL are how several nodes share one. In-memory
        // jobs on a shared database would give each node its own queue and its own copy of every schedule (each user
        // synced once per node).
        var jobs = configuration["Jobs:Storage"] ?? "InMemory";
        if (IsNamed(jobs, "InMemory") && (IsNamed(database, "SqlServer") || IsNamed(database, "Postgres")))
            problems.Add($"Jobs:Storage is InMemory on a shared database ({database}), which several nodes may share: "
                + $"set Jobs:Storage to {database}.");
        foreach (var shared in (string[])["SqlServer", "Postgres"])
            if (IsNamed(jobs, shared) && !IsNamed(database, shared))
                problems.Add($"Jobs:Storage is {shared} but Database:Provider is not: the job storage uses the same connection string.");
        return problems;
    }

    private static bool IsNamed(string? setting, string name) => string.Equals(setting, name, StringComparison.OrdinalIgnoreCase);
}
