using System.Globalization;
using System.Reflection.Metadata;

namespace Loyalty.Core.PackageTests.PublicApi;

/// <summary>Constant values (const fields, enum members, parameter defaults) written as C# literals.</summary>
internal static class Constants
{
    internal static string Render(MetadataReader reader, ConstantHandle handle)
    {
        var constant = reader.GetConstant(handle);
        var blob = reader.GetBlobReader(constant.Value);
        var invariant = CultureInfo.InvariantCulture;
        return constant.TypeCode switch
        {
            ConstantTypeCode.Boolean => blob.ReadBoolean() ? "true" : "false",
            ConstantTypeCode.Char => $"'{blob.ReadChar()}'",
            ConstantTypeCode.SByte => blob.ReadSByte().ToString(invariant),
            ConstantTypeCode.Byte => blob.ReadByte().ToString(invariant),
            ConstantTypeCode.Int16 => blob.ReadInt16().ToString(invariant),
            ConstantTypeCode.UInt16 => blob.ReadUInt16().ToString(invariant),
            ConstantTypeCode.Int32 => blob.ReadInt32().ToString(invariant),
            ConstantTypeCode.UInt32 => blob.ReadUInt32().ToString(invariant),
            ConstantTypeCode.Int64 => blob.ReadInt64().ToString(invariant),
            ConstantTypeCode.UInt64 => blob.ReadUInt64().ToString(invariant),
            ConstantTypeCode.Single => blob.ReadSingle().ToString("R", invariant),
            ConstantTypeCode.Double => blob.ReadDouble().ToString("R", invariant),
            ConstantTypeCode.String => $"\"{blob.ReadUTF16(blob.Length)}\"",

            // A null reference: C#'s "= null" or "= default"; "default" is right for both.
            _ => "default",
        };
    }
}
