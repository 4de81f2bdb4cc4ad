using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Contracts.Http.Keys;

namespace Platform.Llm.Data.Keys;

public sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.ToTable("api_keys");
        builder.HasKey(key => key.Id);
        builder.Property(key => key.Role)
            .HasConversion(role => role == ApiKeyRole.Admin ? "admin" : "user", text => text == "admin" ? ApiKeyRole.Admin : ApiKeyRole.User);
        builder.Ignore(key => key.IsRevoked);
    }
}
