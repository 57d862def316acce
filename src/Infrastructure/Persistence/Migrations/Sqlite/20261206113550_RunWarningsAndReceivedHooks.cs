using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NotesSync.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RunWarningsAndReceivedHooks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Warnings",
                table: "SyncRuns",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]"); // runs recorded before had no warnings: an empty JSON list

            migrationBuilder.CreateTable(
                name: "ReceivedHooks",
                columns: table => new
                {
                    Signature = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ValidUntil = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReceivedHooks", x => x.Signature);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ReceivedHooks_ValidUntil",
                table: "ReceivedHooks",
                column: "ValidUntil");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReceivedHooks");

            migrationBuilder.DropColumn(
                name: "Warnings",
                table: "SyncRuns");
        }
    }
}
