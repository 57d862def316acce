using NotesSync.Simulators.Domino.Notes;

namespace NotesSync.Simulators.Domino.DataService;

/// <summary>
/// What <c>computewithform=true</c> does with the mail template's forms: fields the form declares as Date/Time
/// turn date strings into dates, and computed fields are computed. Without it, a date string stays text
/// (das.md "Checked against primary sources" 10).
/// </summary>
internal static class ComputeWithForm
{
    private static readonly Dictionary<string, string[]> DateFields = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Person"] = ["Birthday", "Anniversary"],
        ["Task"] = ["DueDateTime", "DueDate", "StartDateTime", "StartDate", "CompletedDateTime", "CalendarDateTime"],
        ["Appointment"] = ["StartDateTime", "EndDateTime", "StartDate", "CalendarDateTime"],
    };

    public static void Run(NotesDocument doc)
    {
        if (DateFields.TryGetValue(doc.Form, out var fields))
        {
            foreach (var field in fields)
            {
                if (doc.Item(field) is not { Type: NotesItemType.Text } item) continue;
                var dates = new List<object>();
                foreach (var value in item.Values)
                    if (value is string s && NotesDateTime.TryParseDas(s, out var parsed)) dates.Add(parsed);
                if (dates.Count == item.Values.Count && dates.Count > 0) doc.Set(new NotesItem(item.Name, NotesItemType.DateTime, dates));
            }
        }

        if (doc.Form.Equals("Person", StringComparison.OrdinalIgnoreCase))
        {
            var full = $"{doc.Text("FirstName")} {doc.Text("LastName")}".Trim();
            if (full.Length > 0) doc.Set(NotesItem.Text("FullName", full));
            doc.SetText("Type", "Person");
        }
        if (doc.Form.Equals("Task", StringComparison.OrdinalIgnoreCase) && doc.Item("DueDateTime")?.FirstValue is NotesDateTime due)
            doc.Set(NotesItem.Date("DueDate", NotesDateTime.OnDate(DateOnly.FromDateTime(due.Value.UtcDateTime))));
    }
}
