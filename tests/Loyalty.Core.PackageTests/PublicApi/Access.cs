using System.Reflection;

namespace Loyalty.Core.PackageTests.PublicApi;

/// <summary>Which accessibilities a consumer can see, and how C# writes them.</summary>
internal static class Access
{
    internal static string OfType(TypeAttributes attributes) => (attributes & TypeAttributes.VisibilityMask) switch
    {
        TypeAttributes.NestedFamily => "protected",
        TypeAttributes.NestedFamORAssem => "protected internal",
        _ => "public",
    };

    /// <summary>"public", "protected" or "protected internal"; null for what a consumer cannot reach.</summary>
    internal static string? OfMember(MethodAttributes attributes) => (attributes & MethodAttributes.MemberAccessMask) switch
    {
        MethodAttributes.Public => "public",
        MethodAttributes.Family => "protected",
        MethodAttributes.FamORAssem => "protected internal",
        _ => null,
    };

    internal static string? OfField(FieldAttributes attributes) => (attributes & FieldAttributes.FieldAccessMask) switch
    {
        FieldAttributes.Public => "public",
        FieldAttributes.Family => "protected",
        FieldAttributes.FamORAssem => "protected internal",
        _ => null,
    };

    /// <summary>Orders accessibilities from most to least visible.</summary>
    internal static int Rank(string? access) => access switch
    {
        "public" => 3,
        "protected internal" => 2,
        "protected" => 1,
        _ => 0,
    };
}
