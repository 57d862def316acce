using NotesSync.Application.Notes;
using NotesSync.Infrastructure.Domino.Modules;

namespace NotesSync.Infrastructure.Tests.Domino;

/// <summary>How contacts and to-dos look in a mail file: each product field from and to its Notes item, written out.</summary>
public class NotesModuleItemsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 9, 30, 0, TimeSpan.Zero);

    private static NotesDocument Document(string form, Dictionary<string, NotesItem> items) =>
        new("UNID1", form, Now, "Sun, 06 Dec 2026 09:30:00 GMT", false, items);

    private sealed class FixedClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void A_Person_document_reads_as_a_contact_in_the_products_fields()
    {
        var values = new NotesContactItems().FromItems(Document("Person", new()
        {
            ["FirstName"] = NotesItem.Text("Jörg"), ["LastName"] = NotesItem.Text("Müller-Lüdenscheidt"),
            ["InternetAddress"] = NotesItem.Text("Jorg.Muller@Example.DE"), ["OfficePhoneNumber"] = NotesItem.Text("+49 30 1234", "+49 30 5678"),
            ["CompanyName"] = NotesItem.Text("Müller GmbH"), ["OfficeCity"] = NotesItem.Text("Köln"), ["Comment"] = NotesItem.Text("Zweite Zeile\nund 😀"),
        }));

        Assert.Equal("Jörg", values["firstName"]);
        Assert.Equal("Müller-Lüdenscheidt", values["lastName"]);
        Assert.Equal("Jorg.Muller@Example.DE", values["email"]);
        Assert.Equal("+49 30 1234, +49 30 5678", values["phone"]);
        Assert.Equal("Müller GmbH", values["company"]);
        Assert.Equal("Köln", values["city"]);
        Assert.Equal("Zweite Zeile\nund 😀", values["description"]);
        Assert.Null(values["title"]);
    }

    [Fact]
    public void A_contact_without_an_internet_address_takes_its_mail_address()
    {
        var values = new NotesContactItems().FromItems(Document("Person", new() { ["MailAddress"] = NotesItem.Text("jd@acme.example") }));

        Assert.Equal("jd@acme.example", values["email"]);
    }

    [Fact]
    public void A_contact_write_sends_only_the_fields_given_and_blanks_a_cleared_one()
    {
        var items = new NotesContactItems().ToItems(new Dictionary<string, string?> { ["lastName"] = "Durand", ["title"] = null });

        Assert.Equal(["JobTitle", "LastName"], items.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Durand", items["LastName"].First);
        Assert.Equal("", items["JobTitle"].First);
    }

    [Theory]
    [InlineData("1", "high")]
    [InlineData("2", "normal")]
    [InlineData("3", "low")]
    [InlineData("", "normal")]
    public void A_to_dos_importance_reads_as_its_priority(string importance, string priority) =>
        Assert.Equal(priority, new NotesTaskItems(new FixedClock()).FromItems(Document("Task", new() { ["Importance"] = NotesItem.Text(importance) }))["priority"]);

    [Fact]
    public void A_completed_to_do_reads_with_its_due_date_as_a_date()
    {
        var values = new NotesTaskItems(new FixedClock()).FromItems(Document("Task", new()
        {
            ["Subject"] = NotesItem.Text("Rappeler Müller"),
            ["DueDateTime"] = NotesItem.DateTime(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero)),
            ["CompletedDateTime"] = NotesItem.DateTime(Now),
            ["Body"] = NotesItem.Text("Devis", "signé"),
        }));

        Assert.Equal(("Rappeler Müller", "2026-12-01", "completed", "Devis\nsigné"),
            (values["subject"], values["dueDate"], values["status"], values["description"]));
    }

    [Fact]
    public void A_to_do_written_completed_and_high_gets_a_completion_time_and_importance_1()
    {
        var items = new NotesTaskItems(new FixedClock()).ToItems(new Dictionary<string, string?>
        {
            ["status"] = "completed", ["priority"] = "high", ["dueDate"] = "2026-12-24",
        });

        Assert.Equal((NotesItemKind.DateTime, "2026-12-06T09:30:00Z"), (items["CompletedDateTime"].Kind, items["CompletedDateTime"].First));
        Assert.Equal("1", items["Importance"].First);
        Assert.Equal((NotesItemKind.Date, "2026-12-24"), (items["DueDateTime"].Kind, items["DueDateTime"].First));
    }

    [Fact]
    public void A_to_do_reopened_has_its_completion_time_cleared()
    {
        var items = new NotesTaskItems(new FixedClock()).ToItems(new Dictionary<string, string?> { ["status"] = "open", ["priority"] = "low" });

        Assert.Equal("", items["CompletedDateTime"].First);
        Assert.Equal("3", items["Importance"].First);
    }

    [Fact]
    public void Only_documents_of_the_modules_form_are_its_records()
    {
        Assert.False(new NotesContactItems().IsOfModule(Document("Group", [])));
        Assert.True(new NotesContactItems().IsOfModule(Document("person", [])));
        Assert.False(new NotesTaskItems(new FixedClock()).IsOfModule(Document("Person", [])));
    }
}
