using NotesSync.Infrastructure.Zoho;
using NotesSync.Infrastructure.Zoho.Modules;

namespace NotesSync.Infrastructure.Tests.Zoho;

/// <summary>How contacts and tasks look in Zoho: each product field from and to its api name, written out.</summary>
public class ZohoModuleTranslationTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 9, 30, 0, TimeSpan.Zero);

    private static ZohoRecord Record(Dictionary<string, string?> fields) => new("1", Now, fields, []);

    private static PickLists Renamed { get; } = new(new Dictionary<string, IReadOnlyList<string>>
    {
        ["Status"] = ["-None-", "À faire", "En cours", "Terminée"],
        ["Priority"] = ["-None-", "Urgente", "Normale", "Basse"],
    });

    private static PickLists ZohoDefaults { get; } = new(new Dictionary<string, IReadOnlyList<string>>
    {
        ["Status"] = ["Not Started", "Deferred", "In Progress", "Completed", "Waiting for input"],
        ["Priority"] = ["Highest", "High", "Normal", "Low", "Lowest"],
    });

    [Fact]
    public void A_Zoho_contact_reads_in_the_products_fields()
    {
        var values = new ZohoContactFields().FromZoho(Record(new()
        {
            ["First_Name"] = "Amélie", ["Last_Name"] = "Poulain", ["Email"] = "Amelie@Example.FR", ["Account_Name"] = "Café des 2 Moulins",
            ["Mailing_City"] = "Paris", ["Phone"] = "+33 1 23 45 67 89",
        }), PickLists.None);

        Assert.Equal(("Amélie", "Poulain", "Amelie@Example.FR"), (values["firstName"], values["lastName"], values["email"]));
        Assert.Equal(("Café des 2 Moulins", "Paris", "+33 1 23 45 67 89"), (values["company"], values["city"], values["phone"]));
        Assert.Null(values["mobile"]);
    }

    [Fact]
    public void A_contact_write_names_each_field_by_its_api_name_and_clears_with_an_empty_value()
    {
        var (fields, shortened) = new ZohoContactFields().ToZoho(
            new Dictionary<string, string?> { ["lastName"] = "Durand", ["street"] = "12 rue de la Paix", ["title"] = null }, PickLists.None);

        Assert.Equal(new Dictionary<string, string?> { ["Last_Name"] = "Durand", ["Mailing_Street"] = "12 rue de la Paix", ["Title"] = "" }, fields);
        Assert.Empty(shortened);
    }

    [Fact]
    public void A_value_longer_than_Zoho_allows_is_cut_and_said_without_splitting_a_character()
    {
        var (fields, shortened) = new ZohoContactFields().ToZoho(
            new Dictionary<string, string?> { ["city"] = new string('x', 29) + "😀", ["lastName"] = "Doe" }, PickLists.None);

        Assert.Equal(["city"], shortened);
        Assert.Equal(new string('x', 29), fields["Mailing_City"]);
        Assert.Equal("Doe", fields["Last_Name"]);
    }

    [Theory]
    [InlineData("completed", "high", "Completed", "High")]
    [InlineData("open", "normal", "Not Started", "Normal")]
    [InlineData("open", "low", "Not Started", "Low")]
    public void A_task_is_written_in_Zohos_default_words(string status, string priority, string zohoStatus, string zohoPriority)
    {
        var (fields, _) = new ZohoTaskFields().ToZoho(new Dictionary<string, string?> { ["status"] = status, ["priority"] = priority }, ZohoDefaults);

        Assert.Equal((zohoStatus, zohoPriority), (fields["Status"], fields["Priority"]));
    }

    [Theory]
    [InlineData("completed", "high", "Terminée", "Urgente")]
    [InlineData("open", "normal", "À faire", "Normale")]
    [InlineData("open", "low", "À faire", "Basse")]
    public void A_task_is_written_in_the_words_of_an_org_that_renamed_its_picklists(
        string status, string priority, string zohoStatus, string zohoPriority)
    {
        var (fields, _) = new ZohoTaskFields().ToZoho(new Dictionary<string, string?> { ["status"] = status, ["priority"] = priority }, Renamed);

        Assert.Equal((zohoStatus, zohoPriority), (fields["Status"], fields["Priority"]));
    }

    [Theory]
    [InlineData("Completed", "Highest", "completed", "high")]
    [InlineData("In Progress", "Lowest", "open", "low")]
    [InlineData("Waiting for input", "Normal", "open", "normal")]
    [InlineData("Terminée", "Urgente", "completed", "high")]
    [InlineData("En cours", "Basse", "open", "low")]
    [InlineData(null, null, "open", "normal")]
    public void A_Zoho_task_reads_by_the_meaning_of_its_words(string? zohoStatus, string? zohoPriority, string status, string priority)
    {
        var values = new ZohoTaskFields().FromZoho(Record(new()
        {
            ["Subject"] = "Rappeler", ["Status"] = zohoStatus, ["Priority"] = zohoPriority, ["Due_Date"] = "2026-12-01",
        }), Renamed);

        Assert.Equal((status, priority, "2026-12-01"), (values["status"], values["priority"], values["dueDate"]));
    }
}
