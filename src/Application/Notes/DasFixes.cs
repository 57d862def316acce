namespace NotesSync.Application.Notes;

/// <summary>
/// The steps to switch DAS on at each level, as the extension's help page gives them, in the user's language
/// (English, or French for a French locale).
/// </summary>
public static class DasFixes
{
    public static IReadOnlyList<string> For(DasCheckTarget target, string name, string locale) =>
        IsFrench(locale) ? French(target, name) : English(target, name);

    private static bool IsFrench(string locale) => locale.StartsWith("fr", StringComparison.OrdinalIgnoreCase);

    private static IReadOnlyList<string> English(DasCheckTarget target, string name) => target switch
    {
        DasCheckTarget.Server =>
        [
            "Ask your Domino administrator to open the current Server document (Configuration).",
            "On the Internet Protocols tab, open Domino Web Engine.",
            "Under Domino Access Services, add Data and Calendar to the enabled services.",
            "Save the document (the HTTP task picks the change up after a restart).",
        ],
        DasCheckTarget.Database =>
        [
            $"In Domino Designer, open the properties of the database {name}.",
            "Open the Advanced tab.",
            "Set \"Allow Domino Data Service\" to \"Views and documents\" (\"Views only\" lets NotesSync read but not write).",
        ],
        _ =>
        [
            $"In Domino Designer, open the view {name} of your mail file and its properties.",
            "Open the Advanced tab.",
            "Check \"Allow Domino Data Service operations\" and save the view.",
        ],
    };

    private static IReadOnlyList<string> French(DasCheckTarget target, string name) => target switch
    {
        DasCheckTarget.Server =>
        [
            "Demandez à votre administrateur Domino d'ouvrir, sous Configuration, le Document serveur actuel.",
            "Dans l'onglet Protocoles Internet, cliquez sur Moteur Web Domino.",
            "Sous Services d'accès Domino (DAS), sélectionnez Données et Calendrier pour les services activés.",
            "Enregistrez le document (la tâche HTTP en tient compte après un redémarrage).",
        ],
        DasCheckTarget.Database =>
        [
            $"Dans Domino Designer, ouvrez les propriétés de la base de données {name}.",
            "Cliquez sur l'onglet Avancé.",
            "Sélectionnez Visualisation et documents pour un accès complet (Visualisation seulement limite l'accès à la lecture des affichages).",
        ],
        _ =>
        [
            $"Dans Domino Designer, sélectionnez l'affichage {name} et choisissez les propriétés de l'affichage.",
            "Cliquez sur l'onglet Avancé.",
            "Cochez Autoriser les services de données Domino, puis enregistrez l'affichage.",
        ],
    };
}
