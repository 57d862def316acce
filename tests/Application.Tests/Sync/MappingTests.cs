using NotesSync.Application.Crm;
using NotesSync.Application.Notes;
using NotesSync.Application.Sync.Modules;

namespace NotesSync.Application.Tests.Sync;

/// <summary>Each module's field mapping, both ways: what Notes and Zoho hold, as the sync compares it.</summary>
public class MappingTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    private static NotesDocument Document(string form, Dictionary<string, NotesItem> items) =>
        new("UNID1", form, Now, "Wed, 25 Nov 2026 09:00:00 GMT", false, items);

    private static CrmRecord Record(Dictionary<string, string?> fields) => new("1", Now, fields, []);

    /// <summary>Notes items written from canonical values, read back as Notes would hold them.</summary>
    private static NotesDocument AsNotesHolds(ModuleMapping map, IReadOnlyDictionary<string, string?> values, string form) =>
        Document(form, map.ToNotes(values).ToDictionary(i => i.Key, i => i.Value));

    private static CrmRecord AsCrmHolds(ModuleMapping map, IReadOnlyDictionary<string, string?> values) =>
        Record(map.ToCrm(values).Fields.ToDictionary(f => f.Key, f => f.Value));

    [Fact]
    public void A_contact_goes_round_both_ways_unchanged()
    {
        var map = new ContactMapping();
        var notes = Document("Person", new()
        {
            ["FirstName"] = NotesItem.Text("Jörg"), ["LastName"] = NotesItem.Text("Müller-Lüdenscheidt"),
            ["InternetAddress"] = NotesItem.Text("Jorg.Muller@Example.DE"), ["OfficePhoneNumber"] = NotesItem.Text("+49 30 1234"),
            ["JobTitle"] = NotesItem.Text("Geschäftsführer"), ["OfficeCity"] = NotesItem.Text("Köln"),
            ["Comment"] = NotesItem.Text("Zweite Zeile\nund 😀"),
        });

        var values = map.FromNotes(notes);

        Assert.Equal("jorg.muller@example.de", values["email"]);
        Assert.Equal(values, map.FromCrm(AsCrmHolds(map, values)));
        Assert.Equal(values, map.FromNotes(AsNotesHolds(map, values, "Person")));
    }

    [Fact]
    public void Empty_and_blank_values_read_as_missing_on_both_sides()
    {
        var map = new ContactMapping();

        var fromNotes = map.FromNotes(Document("Person", new() { ["LastName"] = NotesItem.Text("Doe"), ["JobTitle"] = NotesItem.Text("   ") }));
        var fromCrm = map.FromCrm(Record(new() { ["Last_Name"] = "Doe", ["Title"] = "" }));

        Assert.Null(fromNotes["title"]);
        Assert.Equal(fromNotes, fromCrm);
    }

    [Fact]
    public void A_value_longer_than_Zoho_allows_is_cut_and_reported_without_splitting_a_character()
    {
        var map = new ContactMapping();
        var longCity = new string('x', 29) + "😀";

        var (fields, truncated) = map.ToCrm(new Dictionary<string, string?> { ["city"] = longCity, ["lastName"] = "Doe" });

        Assert.Equal(["city"], truncated);
        Assert.Equal(new string('x', 29), fields["Mailing_City"]);
    }

    [Fact]
    public void A_Notes_contact_without_an_internet_address_uses_its_mail_address()
    {
        var values = new ContactMapping().FromNotes(Document("Person", new() { ["MailAddress"] = NotesItem.Text("jd@acme.example") }));

        Assert.Equal("jd@acme.example", values["email"]);
    }

    [Theory]
    [InlineData("1", "High", "high")]
    [InlineData("2", "Normal", "normal")]
    [InlineData("3", "Low", "low")]
    public void Task_priorities_mean_the_same_on_both_sides(string importance, string priority, string canonical)
    {
        var map = new TaskMapping();

        Assert.Equal(canonical, map.FromNotes(Document("Task", new() { ["Importance"] = NotesItem.Text(importance) }))["priority"]);
        Assert.Equal(canonical, map.FromCrm(Record(new() { ["Priority"] = priority }))["priority"]);
        Assert.Equal(priority, map.ToCrm(new Dictionary<string, string?> { ["priority"] = canonical }).Fields["Priority"]);
        Assert.Equal(importance, map.ToNotes(new Dictionary<string, string?> { ["priority"] = canonical })["Importance"].First);
    }

    [Fact]
    public void A_task_goes_round_both_ways_unchanged()
    {
        var map = new TaskMapping();
        var notes = Document("Task", new()
        {
            ["Subject"] = NotesItem.Text("Rappeler Müller"),
            ["DueDateTime"] = NotesItem.DateTime(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero)),
            ["CompletedDateTime"] = NotesItem.DateTime(Now),
            ["Importance"] = NotesItem.Text("1"),
            ["Body"] = NotesItem.Text("Devis"),
        });

        var values = map.FromNotes(notes);

        Assert.Equal(("2026-12-01", "completed"), (values["dueDate"], values["status"]));
        Assert.Equal("Completed", map.ToCrm(values).Fields["Status"]);
        Assert.Equal(values, map.FromCrm(AsCrmHolds(map, values)));
        Assert.Equal(values, map.FromNotes(AsNotesHolds(map, values, "Task")));
    }

    [Fact]
    public void Only_documents_of_the_modules_form_are_synced()
    {
        Assert.False(new ContactMapping().IsModuleDocument(Document("Group", [])));
        Assert.True(new ContactMapping().IsModuleDocument(Document("Person", [])));
    }
}
