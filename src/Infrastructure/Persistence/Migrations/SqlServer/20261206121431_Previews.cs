using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NotesSync.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Previews : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "AppliesPreview",
                table: "SyncRuns",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "DifferencesFromPreview",
                table: "SyncRuns",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IsPreview",
                table: "SyncRuns",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "PlannedActions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RunId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Position = table.Column<int>(type: "int", nullable: false),
                    Module = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Action = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    NotesId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    NotesName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    CrmId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    CrmName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    MatchedBy = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: true),
                    Winner = table.Column<string>(type: "nvarchar(8)", maxLength: 8, nullable: true),
                    Fields = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    OrgId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlannedActions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PlannedActions_RunId_Position",
                table: "PlannedActions",
                columns: new[] { "RunId", "Position" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PlannedActions");

            migrationBuilder.DropColumn(
                name: "AppliesPreview",
                table: "SyncRuns");

            migrationBuilder.DropColumn(
                name: "DifferencesFromPreview",
                table: "SyncRuns");

            migrationBuilder.DropColumn(
                name: "IsPreview",
                table: "SyncRuns");
        }
    }
}
