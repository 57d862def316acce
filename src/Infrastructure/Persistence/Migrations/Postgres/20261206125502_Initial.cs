using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace NotesSync.Infrastructure.Persistence.Migrations.Postgres
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FriendlyName = table.Column<string>(type: "text", nullable: true),
                    Xml = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Meetings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Subject = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Location = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Start = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    End = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReminderMinutes = table.Column<int>(type: "integer", nullable: true),
                    NotesEventId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    CrmEventId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    IdempotencyKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ErrorCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ErrorMessage = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Participants = table.Column<string>(type: "text", nullable: false),
                    OrgId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Meetings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PlannedActions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RunId = table.Column<Guid>(type: "uuid", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Module = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Action = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    NotesId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    NotesName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    CrmId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    CrmName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    MatchedBy = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Winner = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    Fields = table.Column<string>(type: "text", nullable: false),
                    OrgId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlannedActions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReceivedHooks",
                columns: table => new
                {
                    Signature = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ValidUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReceivedHooks", x => x.Signature);
                });

            migrationBuilder.CreateTable(
                name: "RecordLinks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Module = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    NotesUnid = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CrmId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    NotesModifiedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    NotesWrittenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CrmModifiedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LinkedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SyncedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Fingerprints = table.Column<string>(type: "text", nullable: false),
                    OrgId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecordLinks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SyncAccounts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrgName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Seats = table.Column<int>(type: "integer", nullable: false),
                    InstalledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ProtectedSigningSecret = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Zoho = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    OrgId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SyncAccounts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SyncProfiles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Notes = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    Settings = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    OrgId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SyncProfiles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SyncRuns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Status = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    Trigger = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    QueuedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    FinishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    HeartbeatAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ProgressDone = table.Column<int>(type: "integer", nullable: false),
                    ProgressTotal = table.Column<int>(type: "integer", nullable: false),
                    Error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    IsPreview = table.Column<bool>(type: "boolean", nullable: false),
                    AppliesPreview = table.Column<Guid>(type: "uuid", nullable: true),
                    DifferencesFromPreview = table.Column<int>(type: "integer", nullable: true),
                    ActiveUserKey = table.Column<string>(type: "character varying(130)", maxLength: 130, nullable: true),
                    Conflicts = table.Column<string>(type: "text", nullable: false),
                    Failures = table.Column<string>(type: "text", nullable: false),
                    Modules = table.Column<string>(type: "text", nullable: false),
                    Skipped = table.Column<string>(type: "text", nullable: false),
                    Warnings = table.Column<string>(type: "text", nullable: false),
                    OrgId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SyncRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ZohoAccessTokens",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrgId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ProtectedToken = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LeaseUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ZohoAccessTokens", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LicensedUsers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrgId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Role = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    HasSynced = table.Column<bool>(type: "boolean", nullable: false),
                    AddedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AccountId = table.Column<Guid>(type: "uuid", nullable: true)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrgId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Module = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    NotesPosition = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    CrmPosition = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    NotesToRetry = table.Column<string>(type: "text", nullable: false),
                    ProfileId = table.Column<Guid>(type: "uuid", nullable: false)
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
                name: "IX_Meetings_OrgId_UserId_IdempotencyKey",
                table: "Meetings",
                columns: new[] { "OrgId", "UserId", "IdempotencyKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ModuleCheckpoints_ProfileId_Module",
                table: "ModuleCheckpoints",
                columns: new[] { "ProfileId", "Module" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PlannedActions_RunId_Position",
                table: "PlannedActions",
                columns: new[] { "RunId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_ReceivedHooks_ValidUntil",
                table: "ReceivedHooks",
                column: "ValidUntil");

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

            migrationBuilder.CreateIndex(
                name: "IX_ZohoAccessTokens_OrgId",
                table: "ZohoAccessTokens",
                column: "OrgId",
                unique: true);
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
                name: "PlannedActions");

            migrationBuilder.DropTable(
                name: "ReceivedHooks");

            migrationBuilder.DropTable(
                name: "RecordLinks");

            migrationBuilder.DropTable(
                name: "SyncRuns");

            migrationBuilder.DropTable(
                name: "ZohoAccessTokens");

            migrationBuilder.DropTable(
                name: "SyncAccounts");

            migrationBuilder.DropTable(
                name: "SyncProfiles");
        }
    }
}
