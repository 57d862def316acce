using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NotesSync.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ZohoCallSlots : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ZohoCallSlots",
                columns: table => new
                {
                    OrgId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Slot = table.Column<int>(type: "int", nullable: false),
                    Holder = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: true),
                    HeldUntil = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ZohoCallSlots", x => new { x.OrgId, x.Slot });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ZohoCallSlots");
        }
    }
}
