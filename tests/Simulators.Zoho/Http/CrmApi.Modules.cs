using System.Text.Json.Nodes;
using NotesSync.Simulators.Zoho.Crm;

namespace NotesSync.Simulators.Zoho.Http;

internal sealed partial class CrmApi
{
    /// <summary>The labels Zoho shows for the simulated modules: Events are "Meetings" in Zoho's UI since v2.1.</summary>
    private static readonly Dictionary<string, (string Singular, string Plural)> ModuleLabels = new(StringComparer.Ordinal)
    {
        ["Contacts"] = ("Contact", "Contacts"),
        ["Tasks"] = ("Task", "Tasks"),
        ["Events"] = ("Meeting", "Meetings"),
        ["Accounts"] = ("Account", "Accounts"),
    };

    /// <summary>
    /// <c>GET /crm/v8/settings/modules</c> and <c>/settings/modules/{api_name}</c>: the simulated modules, every one
    /// API-supported. Zoho's SDKs list the modules before they read each module's fields (their field refresh).
    /// If-Modified-Since is not honoured: the answer is always the full list (inferred to be harmless, as a client
    /// that asks for changes only refreshes more than it needs).
    /// </summary>
    private async Task ModulesAsync(CrmRequest request)
    {
        var names = ModuleCatalog.Modules.AsEnumerable();
        if (request.Id is not null)
        {
            names = names.Where(n => n.Equals(request.Id, StringComparison.OrdinalIgnoreCase));
            if (!names.Any())
            {
                await BadRequestAsync(request, "INVALID_MODULE", "the module name given seems to be invalid", ("resource_path_index", 2));
                return;
            }
        }
        var org = request.Org;
        var sequence = 1;
        var modules = names.Select(name => (JsonNode?)new JsonObject
        {
            ["id"] = org.ModuleId(name),
            ["api_name"] = name,
            ["module_name"] = name,
            ["singular_label"] = ModuleLabels[name].Singular,
            ["plural_label"] = ModuleLabels[name].Plural,
            ["api_supported"] = true,
            ["generated_type"] = "default",
            ["creatable"] = true,
            ["editable"] = true,
            ["deletable"] = true,
            ["viewable"] = true,
            ["visible"] = true,
            ["visibility"] = 1,
            ["show_as_tab"] = true,
            ["status"] = "visible",
            ["sequence_number"] = sequence++,
            ["modified_time"] = null,
            ["modified_by"] = null,
            ["profiles"] = new JsonArray(
                new JsonObject { ["name"] = "Administrator", ["id"] = org.ProfileIds.Admin },
                new JsonObject { ["name"] = "Standard", ["id"] = org.ProfileIds.Standard }),
        });
        await WriteAsync(request, 200, new JsonObject { ["modules"] = ZohoJson.Array(modules) });
    }
}
