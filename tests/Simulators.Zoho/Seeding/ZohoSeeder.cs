using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Bogus;
using NotesSync.Simulators.Zoho.Crm;

namespace NotesSync.Simulators.Zoho;

public sealed partial class ZohoOrg
{
    /// <summary>Adds Bogus-made users, accounts, contacts (Unicode names too), tasks and events, all valid for the API.</summary>
    public ZohoSeedResult Seed(ZohoSeedSpec spec) => ZohoSeeder.Seed(this, spec);
}

internal static class ZohoSeeder
{
    // Latin names with accents, and non-Latin scripts, so that encoding and collation bugs show up.
    private static readonly string[] Locales = ["en", "en", "en", "fr", "fr", "de", "es", "it", "pl", "sv", "tr", "el", "ru", "ja", "zh_CN"];
    private static readonly string[] Zones = ["Europe/Paris", "America/New_York", "Asia/Kolkata", "Europe/Berlin", "Asia/Tokyo", "Australia/Sydney"];
    private static readonly string[] TaskSubjects = ["Call {0}", "Send the proposal to {0}", "Follow up with {0}", "Relancer {0}", "Rückruf bei {0}", "Prepare the quarterly review", "Renew the support contract"];
    private static readonly string[] EventTitles = ["Meeting with {0}", "Lunch with {0}", "Démo produit pour {0}", "Kick-off {0}", "Quarterly review", "Besprechung mit {0}"];

    public static ZohoSeedResult Seed(ZohoOrg org, ZohoSeedSpec spec)
    {
        var random = new Randomizer(spec.Seed);
        var fakers = Locales.Distinct().Select((locale, i) => new Faker(locale) { Random = new Randomizer(spec.Seed + (31 * (i + 1))) }).ToArray();
        var english = fakers[0];
        Faker AnyFaker() => fakers[random.Number(0, fakers.Length - 1)];
        var now = ZohoTime.Truncate(org.State.Now);
        var orgZone = ZohoTime.Zone(org.TimeZone);
        var emails = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        lock (org.Gate)
        {
            var userIds = new List<string>();
            for (var i = 0; i < spec.Users; i++)
            {
                var f = AnyFaker();
                var first = f.Name.FirstName();
                var last = f.Name.LastName();
                var user = org.AddUser(first, last, UniqueEmail(emails, first, last, "zylker.example"), Zones[random.Number(0, Zones.Length - 1)], f.Locale.Replace('_', '-'));
                userIds.Add(user.Id);
            }
            var users = org.Users.Where(u => u.Status == "active").ToList();
            ZohoUser AnyUser() => users[random.Number(0, users.Count - 1)];

            (DateTimeOffset Created, DateTimeOffset Modified) Stamps()
            {
                var created = now - TimeSpan.FromSeconds(random.Number(60, (int)spec.History.TotalSeconds));
                var modified = created + TimeSpan.FromSeconds(random.Number(0, (int)(now - created).TotalSeconds));
                return (created, modified);
            }

            List<string> Tags() => random.Double() < spec.PrivateShare ? ["Private"] : random.Double() < 0.05 ? ["VIP"] : [];

            var accountIds = new List<string>();
            var accounts = org.RequireStore("Accounts");
            for (var i = 0; i < spec.Accounts; i++)
            {
                var f = AnyFaker();
                var values = new JsonObject
                {
                    ["Account_Name"] = Clip(f.Company.CompanyName(), 200),
                    ["Phone"] = Clip(f.Phone.PhoneNumber(), 30),
                    ["Website"] = "https://" + english.Internet.DomainName(),
                };
                accountIds.Add(Add(org, accounts, values, AnyUser(), Stamps(), Tags()).Id);
            }

            var contactIds = new List<string>();
            var contacts = org.RequireStore("Contacts");
            for (var i = 0; i < spec.Contacts; i++)
            {
                var f = AnyFaker();
                var first = f.Name.FirstName();
                var last = f.Name.LastName();
                var values = new JsonObject
                {
                    ["First_Name"] = Clip(first, 40),
                    ["Last_Name"] = Clip(last, 80),
                    ["Email"] = UniqueEmail(emails, first, last, english.Internet.DomainName()),
                    ["Phone"] = Clip(f.Phone.PhoneNumber(), 30),
                    ["Title"] = Clip(english.Name.JobTitle(), 100),
                    ["Department"] = Clip(english.Commerce.Department(), 100),
                    ["Mailing_Street"] = Clip(f.Address.StreetAddress(), 250),
                    ["Mailing_City"] = Clip(f.Address.City(), 100),
                    ["Mailing_Zip"] = Clip(f.Address.ZipCode(), 30),
                    ["Mailing_Country"] = Clip(f.Address.Country(), 100),
                };
                if (random.Bool(0.6f)) values["Mobile"] = Clip(f.Phone.PhoneNumber(), 30);
                if (random.Bool(0.3f)) values["Description"] = f.Lorem.Sentence();
                if (random.Bool(0.4f))
                    values["Date_of_Birth"] = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-random.Number(20 * 365, 70 * 365)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                if (accountIds.Count > 0 && random.Bool(0.5f)) values["Account_Name"] = new JsonObject { ["id"] = accountIds[random.Number(0, accountIds.Count - 1)] };
                contactIds.Add(Add(org, contacts, values, AnyUser(), Stamps(), Tags()).Id);
            }
            string ContactName(string id) => RecordRenderer.FullName(contacts.ById[id]);

            var taskIds = new List<string>();
            var tasks = org.RequireStore("Tasks");
            var statuses = tasks.Schema.Find("Status")!.PickListValues;
            var priorities = tasks.Schema.Find("Priority")!.PickListValues;
            for (var i = 0; i < spec.Tasks; i++)
            {
                var contact = contactIds.Count > 0 && random.Bool(0.6f) ? contactIds[random.Number(0, contactIds.Count - 1)] : null;
                var subject = string.Format(CultureInfo.InvariantCulture, TaskSubjects[random.Number(0, TaskSubjects.Length - 1)],
                    contact is null ? english.Company.CompanyName() : ContactName(contact));
                var due = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, orgZone).DateTime).AddDays(random.Number(-30, 30));
                var status = statuses[random.Number(0, statuses.Count - 1)];
                var stamps = Stamps();
                var values = new JsonObject
                {
                    ["Subject"] = Clip(subject, 255),
                    ["Due_Date"] = due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    ["Status"] = status,
                    ["Priority"] = priorities[random.Number(0, priorities.Count - 1)],
                };
                if (contact is not null) values["Who_Id"] = new JsonObject { ["id"] = contact };
                if (random.Bool(0.3f)) values["Description"] = english.Lorem.Sentence();
                if (status == "Completed") values["Closed_Time"] = ZohoTime.Format(stamps.Modified, TimeZoneInfo.Utc);
                if (random.Bool(0.2f))
                {
                    var remindAt = new DateTimeOffset(due.ToDateTime(new TimeOnly(9, 0)), orgZone.GetUtcOffset(due.ToDateTime(new TimeOnly(9, 0))));
                    values["Remind_At"] = new JsonObject { ["ALARM"] = $"FREQ=NONE;ACTION=POPUP;TRIGGER=DATE-TIME:{ZohoTime.Format(remindAt, orgZone)}" };
                }
                taskIds.Add(Add(org, tasks, values, AnyUser(), stamps, Tags()).Id);
            }

            var eventIds = new List<string>();
            var events = org.RequireStore("Events");
            for (var i = 0; i < spec.Events; i++)
            {
                var guests = contactIds.Count == 0 ? [] : Enumerable.Range(0, random.Number(1, 3)).Select(_ => contactIds[random.Number(0, contactIds.Count - 1)]).Distinct().ToList();
                var title = string.Format(CultureInfo.InvariantCulture, EventTitles[random.Number(0, EventTitles.Length - 1)],
                    guests.Count > 0 ? ContactName(guests[0]) : english.Company.CompanyName());
                var localStart = TimeZoneInfo.ConvertTime(now, orgZone).Date.AddDays(random.Number(-60, 60)).AddMinutes(15 * random.Number(32, 72));
                var allDay = random.Bool(0.1f);
                var start = allDay ? localStart.Date : localStart;
                // All-day events span local midnight to 23:59:59 (zoho.md: inferred from another Zoho product).
                var end = allDay ? start.Date.AddDays(1).AddSeconds(-1) : start.AddMinutes(30 * random.Number(1, 3));
                var startAt = new DateTimeOffset(start, orgZone.GetUtcOffset(start));
                var endAt = new DateTimeOffset(end, orgZone.GetUtcOffset(end));
                var participants = new JsonArray();
                foreach (var guest in guests)
                    participants.Add(new JsonObject { ["type"] = "contact", ["participant"] = guest, ["Email"] = null, ["invited"] = true, ["status"] = "not_known", ["id"] = org.NextId() });
                if (random.Bool(0.3f))
                {
                    var address = $"guest{i}@{english.Internet.DomainName()}";
                    participants.Add(new JsonObject { ["type"] = "email", ["participant"] = address, ["Email"] = address, ["invited"] = true, ["status"] = "not_known", ["id"] = org.NextId() });
                }
                var values = new JsonObject
                {
                    ["Event_Title"] = Clip(title, 255),
                    ["Start_DateTime"] = ZohoTime.Format(startAt, TimeZoneInfo.Utc),
                    ["End_DateTime"] = ZohoTime.Format(endAt, TimeZoneInfo.Utc),
                    ["All_day"] = allDay,
                    ["Participants"] = participants,
                };
                if (random.Bool(0.5f)) values["Venue"] = random.Bool(0.3f) ? "Zoom" : Clip(AnyFaker().Address.City(), 255);
                if (guests.Count > 0) values["Who_Id"] = new JsonObject { ["id"] = guests[0] };
                var recurring = random.Bool(0.1f);
                if (recurring)
                {
                    var until = startAt.AddDays(7 * random.Number(4, 12)).ToUniversalTime();
                    values["Recurring_Activity"] = new JsonObject
                    {
                        ["RRULE"] = $"FREQ=WEEKLY;INTERVAL=1;BYDAY={startAt.DayOfWeek.ToString()[..2].ToUpperInvariant()};UNTIL={until:yyyy-MM-dd}",
                    };
                }
                if (random.Bool(0.4f))
                {
                    values["Remind_At"] = recurring
                        ? new JsonArray(new JsonObject { ["unit"] = 15, ["period"] = "minutes" })
                        : ZohoTime.Format(startAt - TimeSpan.FromMinutes(15), TimeZoneInfo.Utc);
                }
                eventIds.Add(Add(org, events, values, AnyUser(), Stamps(), Tags()).Id);
            }
            return new ZohoSeedResult(userIds, accountIds, contactIds, taskIds, eventIds);
        }
    }

    private static StoredRecord Add(ZohoOrg org, ModuleStore store, JsonObject values, ZohoUser owner, (DateTimeOffset Created, DateTimeOffset Modified) stamps, List<string> tags)
    {
        var id = org.NextId();
        var record = new StoredRecord
        {
            Id = id,
            Key = long.Parse(id, CultureInfo.InvariantCulture),
            Values = values,
            CreatedTime = ZohoTime.Truncate(stamps.Created),
            ModifiedTime = ZohoTime.Truncate(stamps.Modified),
            CreatedBy = owner,
            ModifiedBy = owner,
            Owner = owner,
            Tags = tags,
        };
        foreach (var tag in tags) org.TagId(tag);
        store.ById[id] = record;
        store.Touch();
        return record;
    }

    private static string UniqueEmail(HashSet<string> taken, string first, string last, string domain)
    {
        var local = $"{Ascii(first)}.{Ascii(last)}".Trim('.');
        if (local.Length == 0 || local == ".") local = "contact";
        var email = $"{local}@{domain}";
        for (var n = 2; !taken.Add(email); n++) email = $"{local}{n}@{domain}";
        return email;
    }

    /// <summary>"Zoë" → "zoe"; scripts without a Latin form come out empty and fall back to a neutral name.</summary>
    private static string Ascii(string text)
    {
        var result = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormD))
            if (char.IsAsciiLetterOrDigit(c)) result.Append(char.ToLowerInvariant(c));
        return result.ToString();
    }

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..max];
}
