using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Loyalty.Core.PackageTests.Packaging;

namespace Loyalty.Core.PackageTests.PublicApi;

/// <summary>
/// PublicApiAnalyzers tracks every public member (PublicAPI.*.txt) but not whether a class is sealed, so a class made
/// inheritable would pass the build unnoticed. Every public class of a library package must therefore be sealed,
/// static or abstract (abstract: designed for inheritance on purpose). Read from the packed assembly's metadata, so a
/// new package is covered without being listed here.
/// </summary>
[Collection(SharedPack.Name)]
public sealed class PublicClassesSealedTests(PackedPackages packed)
{
    [Fact]
    public void PublicClasses_EveryLibraryPackage_AreSealedStaticOrAbstract()
    {
        var libraries = packed.Packages.Where(p => !p.IsTool).ToList();
        Assert.NotEmpty(libraries);
        var inheritable = libraries
            .SelectMany(p => InheritableClasses(p.Read($"lib/net10.0/{p.Id}.dll")).Select(t => $"{p.Id}: {t}"))
            .ToList();

        Assert.True(inheritable.Count == 0,
            "Public classes that can be inherited although not designed for it (seal them, or make them abstract):"
            + Environment.NewLine + string.Join(Environment.NewLine, inheritable));
    }

    [Fact]
    public void InheritableClasses_UnsealedPublicClass_IsReported()
    {
        // The check itself, on this test assembly: its one public unsealed class is found, sealed ones are not.
        var found = InheritableClasses(File.ReadAllBytes(typeof(PublicClassesSealedTests).Assembly.Location)).ToList();
        Assert.Equal(new[] { typeof(UnsealedClassSample).FullName! }, found);
    }

    /// <summary>Full names of the visible classes that are neither sealed nor abstract (static is both).</summary>
    private static IEnumerable<string> InheritableClasses(byte[] assembly)
    {
        using var pe = new PEReader(ImmutableArray.Create(assembly));
        var reader = pe.GetMetadataReader();
        var found = new List<string>();
        foreach (var handle in reader.TypeDefinitions)
        {
            var type = reader.GetTypeDefinition(handle);
            if (IsVisible(reader, type) && IsClass(reader, type)
                && (type.Attributes & (TypeAttributes.Sealed | TypeAttributes.Abstract)) == 0)
            {
                found.Add(FullName(reader, type));
            }
        }

        return found;
    }

    /// <summary>Public top-level types, and nested types a consumer can reach.</summary>
    private static bool IsVisible(MetadataReader reader, TypeDefinition type)
    {
        var visibility = type.Attributes & TypeAttributes.VisibilityMask;
        return visibility switch
        {
            TypeAttributes.Public => true,
            TypeAttributes.NestedPublic or TypeAttributes.NestedFamily or TypeAttributes.NestedFamORAssem =>
                IsVisible(reader, reader.GetTypeDefinition(type.GetDeclaringType())),
            _ => false,
        };
    }

    /// <summary>A class: not an interface, struct, enum or delegate (those are sealed or cannot be inherited anyway).</summary>
    private static bool IsClass(MetadataReader reader, TypeDefinition type)
    {
        if ((type.Attributes & TypeAttributes.Interface) != 0 || type.BaseType.IsNil)
        {
            return false;
        }

        string baseName = type.BaseType.Kind switch
        {
            HandleKind.TypeReference => reader.GetString(reader.GetTypeReference((TypeReferenceHandle)type.BaseType).Name),
            HandleKind.TypeDefinition => reader.GetString(reader.GetTypeDefinition((TypeDefinitionHandle)type.BaseType).Name),
            _ => string.Empty,
        };
        return baseName is not ("ValueType" or "Enum" or "MulticastDelegate");
    }

    private static string FullName(MetadataReader reader, TypeDefinition type)
    {
        string name = reader.GetString(type.Name);
        return type.GetDeclaringType() is { IsNil: false } outer
            ? $"{FullName(reader, reader.GetTypeDefinition(outer))}+{name}"
            : $"{reader.GetString(type.Namespace)}.{name}";
    }
}

/// <summary>An inheritable public class, the sample <see cref="PublicClassesSealedTests"/> must report.</summary>
public class UnsealedClassSample;
