using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NotesSync.Infrastructure.Persistence.Migrations.Sqlite
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
                    OrgId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Slot = table.Column<int>(type: "INTEGER", nullable: false),
                    Holder = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    HeldUntil = table.Column<long>(type: "INTEGER", nullable: false)
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
