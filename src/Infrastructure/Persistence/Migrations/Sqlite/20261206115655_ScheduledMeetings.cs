using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NotesSync.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ScheduledMeetings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ErrorCode",
                table: "Meetings",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ErrorMessage",
                table: "Meetings",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "IdempotencyKey",
                table: "Meetings",
                type: "TEXT",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_Meetings_OrgId_UserId_IdempotencyKey",
                table: "Meetings",
                columns: new[] { "OrgId", "UserId", "IdempotencyKey" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Meetings_OrgId_UserId_IdempotencyKey",
                table: "Meetings");

            migrationBuilder.DropColumn(
                name: "ErrorCode",
                table: "Meetings");

            migrationBuilder.DropColumn(
                name: "ErrorMessage",
                table: "Meetings");

            migrationBuilder.DropColumn(
                name: "IdempotencyKey",
                table: "Meetings");
        }
    }
}
