using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NotesSync.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FriendlyName = table.Column<string>(type: "TEXT", nullable: true),
                    Xml = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Meetings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Location = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Start = table.Column<long>(type: "INTEGER", nullable: false),
                    End = table.Column<long>(type: "INTEGER", nullable: false),
                    ReminderMinutes = table.Column<int>(type: "INTEGER", nullable: true),
                    NotesEventId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CrmEventId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Participants = table.Column<string>(type: "TEXT", nullable: false),
                    OrgId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Meetings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RecordLinks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Module = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    NotesUnid = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CrmId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    NotesModifiedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CrmModifiedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LinkedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SyncedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Fingerprints = table.Column<string>(type: "TEXT", nullable: false),
                    OrgId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecordLinks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SyncAccounts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrgName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Seats = table.Column<int>(type: "INTEGER", nullable: false),
                    InstalledAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ProtectedSigningSecret = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Zoho = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    OrgId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SyncAccounts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SyncProfiles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    Settings = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    OrgId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SyncProfiles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SyncRuns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Trigger = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    QueuedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FinishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    HeartbeatAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ProgressDone = table.Column<int>(type: "INTEGER", nullable: false),
                    ProgressTotal = table.Column<int>(type: "INTEGER", nullable: false),
                    Error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ActiveUserKey = table.Column<string>(type: "TEXT", maxLength: 130, nullable: true),
                    Conflicts = table.Column<string>(type: "TEXT", nullable: false),
                    Failures = table.Column<string>(type: "TEXT", nullable: false),
                    Modules = table.Column<string>(type: "TEXT", nullable: false),
                    OrgId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SyncRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LicensedUsers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrgId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    HasSynced = table.Column<bool>(type: "INTEGER", nullable: false),
                    AddedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AccountId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LicensedUsers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LicensedUsers_SyncAccounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "SyncAccounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ModuleCheckpoints",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrgId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Module = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    NotesPosition = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CrmPosition = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ProfileId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ModuleCheckpoints", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ModuleCheckpoints_SyncProfiles_ProfileId",
                        column: x => x.ProfileId,
                        principalTable: "SyncProfiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LicensedUsers_AccountId",
                table: "LicensedUsers",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_LicensedUsers_OrgId_UserId",
                table: "LicensedUsers",
                columns: new[] { "OrgId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Meetings_OrgId_UserId_CreatedAt",
                table: "Meetings",
                columns: new[] { "OrgId", "UserId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ModuleCheckpoints_ProfileId_Module",
                table: "ModuleCheckpoints",
                columns: new[] { "ProfileId", "Module" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RecordLinks_OrgId_UserId_Module_CrmId",
                table: "RecordLinks",
                columns: new[] { "OrgId", "UserId", "Module", "CrmId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RecordLinks_OrgId_UserId_Module_NotesUnid",
                table: "RecordLinks",
                columns: new[] { "OrgId", "UserId", "Module", "NotesUnid" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SyncAccounts_OrgId",
                table: "SyncAccounts",
                column: "OrgId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SyncProfiles_OrgId_UserId",
                table: "SyncProfiles",
                columns: new[] { "OrgId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SyncRuns_ActiveUserKey",
                table: "SyncRuns",
                column: "ActiveUserKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SyncRuns_OrgId_UserId_QueuedAt",
                table: "SyncRuns",
                columns: new[] { "OrgId", "UserId", "QueuedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "LicensedUsers");

            migrationBuilder.DropTable(
                name: "Meetings");

            migrationBuilder.DropTable(
                name: "ModuleCheckpoints");

            migrationBuilder.DropTable(
                name: "RecordLinks");

            migrationBuilder.DropTable(
                name: "SyncRuns");

            migrationBuilder.DropTable(
                name: "SyncAccounts");

            migrationBuilder.DropTable(
                name: "SyncProfiles");
        }
    }
}
