using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NotesSync.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OwnedRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Skipped",
                table: "SyncRuns",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "NotesToRetry",
                table: "ModuleCheckpoints",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Skipped",
                table: "SyncRuns");

            migrationBuilder.DropColumn(
                name: "NotesToRetry",
                table: "ModuleCheckpoints");
        }
    }
}
