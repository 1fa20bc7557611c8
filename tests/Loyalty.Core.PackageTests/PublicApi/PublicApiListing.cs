using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text;

namespace Loyalty.Core.PackageTests.PublicApi;

/// <summary>
/// Lists the public API of an assembly from its metadata alone (System.Reflection.Metadata, so the assembly's
/// dependencies need not be loadable): every type a consumer can see, then its visible members, one per line, in a
/// C#-like form sorted by type and member name, so a diff of two listings reads as the API change.
/// </summary>
internal static class PublicApiListing
{
    /// <summary>The first line of every listing: what the file is and how to regenerate it.</summary>
    internal const string Header =
        "# Public API, generated from the packed assembly by tests/Loyalty.Core.PackageTests. Do not edit: run the tests with LOYALTY_APPROVE_API=1 to rewrite, then review the diff.";

    internal static string Of(byte[] assembly)
    {
        using var pe = new PEReader(ImmutableArray.Create(assembly));
        var reader = pe.GetMetadataReader();
        var types = reader.TypeDefinitions
            .Select(reader.GetTypeDefinition)
            .Where(t => IsVisible(reader, t))
            .Select(t => new TypeListing(reader, t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal);

        var text = new StringBuilder().Append(Header).Append('\n');
        foreach (var type in types)
        {
            text.Append('\n').Append(type.Declaration).Append('\n');
            foreach (var member in type.Members())
            {
                text.Append("  ").Append(member).Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>Public top-level types, and nested types reachable from outside: public, or protected inside an
    /// unsealed visible type.</summary>
    private static bool IsVisible(MetadataReader reader, TypeDefinition type)
    {
        var visibility = type.Attributes & TypeAttributes.VisibilityMask;
        if (visibility == TypeAttributes.Public)
        {
            return true;
        }

        if (visibility is not (TypeAttributes.NestedPublic or TypeAttributes.NestedFamily or TypeAttributes.NestedFamORAssem))
        {
            return false;
        }

        var outer = reader.GetTypeDefinition(type.GetDeclaringType());
        return IsVisible(reader, outer) && (visibility == TypeAttributes.NestedPublic || (outer.Attributes & TypeAttributes.Sealed) == 0);
    }
}
