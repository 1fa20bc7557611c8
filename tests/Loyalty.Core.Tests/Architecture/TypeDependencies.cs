using System.Reflection;
using System.Reflection.Emit;

namespace Loyalty.Core.Tests.Architecture;

/// <summary>
/// The types a type uses: its signatures (base type, interfaces, fields, properties, events, method parameters and
/// returns, generic arguments) and every type, method or field token in its method bodies' IL. Compiler-generated
/// nested types (lambdas, iterators, async state machines) are separate types of the same namespace, so a scan of
/// every type of an assembly sees what its code uses, not only what its signatures name.
/// </summary>
internal static class TypeDependencies
{
    private const BindingFlags Everything = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance |
                                            BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>Every type <paramref name="type"/> refers to, generic arguments and element types unwrapped.</summary>
    internal static IReadOnlySet<Type> Of(Type type)
    {
        var found = new HashSet<Type>();
        Add(found, type.BaseType);
        foreach (var i in type.GetInterfaces())
        {
            Add(found, i);
        }

        foreach (var field in type.GetFields(Everything))
        {
            Add(found, field.FieldType);
        }

        foreach (var property in type.GetProperties(Everything))
        {
            Add(found, property.PropertyType);
        }

        foreach (var e in type.GetEvents(Everything))
        {
            Add(found, e.EventHandlerType);
        }

        foreach (var method in type.GetMethods(Everything).Cast<MethodBase>().Concat(type.GetConstructors(Everything)))
        {
            if (method is MethodInfo info)
            {
                Add(found, info.ReturnType);
            }

            foreach (var parameter in method.GetParameters())
            {
                Add(found, parameter.ParameterType);
            }

            AddBody(found, type, method);
        }

        return found;
    }

    private static void AddBody(HashSet<Type> found, Type type, MethodBase method)
    {
        byte[]? il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            return;
        }

        Type[] typeArguments = type.IsGenericType ? type.GetGenericArguments() : [];
        Type[] methodArguments = method is MethodInfo { IsGenericMethod: true } m ? m.GetGenericArguments() : [];
        int position = 0;
        while (position < il.Length)
        {
            short value = il[position] == 0xFE ? (short)(0xFE00 | il[position + 1]) : il[position];
            position += il[position] == 0xFE ? 2 : 1;
            var opCode = OpCodesByValue[value];
            switch (opCode.OperandType)
            {
                case OperandType.InlineType or OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineTok:
                    AddToken(found, method.Module, BitConverter.ToInt32(il, position), typeArguments, methodArguments);
                    position += 4;
                    break;
                case OperandType.InlineSwitch:
                    position += 4 + (4 * BitConverter.ToInt32(il, position));
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    position += 8;
                    break;
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    position += 1;
                    break;
                case OperandType.InlineVar:
                    position += 2;
                    break;
                default:
                    position += 4;
                    break;
            }
        }
    }

    private static void AddToken(HashSet<Type> found, Module module, int token, Type[] typeArguments, Type[] methodArguments)
    {
        MemberInfo? member;
        try
        {
            member = module.ResolveMember(token, typeArguments, methodArguments);
        }
        catch (ArgumentException)
        {
            return; // a token whose generic context this scan does not reconstruct; signatures still cover the type
        }

        switch (member)
        {
            case Type t:
                Add(found, t);
                break;
            case FieldInfo f:
                Add(found, f.DeclaringType);
                Add(found, f.FieldType);
                break;
            case MethodInfo m:
                Add(found, m.DeclaringType);
                Add(found, m.ReturnType);
                foreach (var argument in m.IsGenericMethod ? m.GetGenericArguments() : [])
                {
                    Add(found, argument);
                }

                break;
            case MemberInfo other:
                Add(found, other.DeclaringType);
                break;
        }
    }

    private static void Add(HashSet<Type> found, Type? type)
    {
        if (type is null || type.IsGenericParameter || !found.Add(type))
        {
            return;
        }

        if (type.HasElementType)
        {
            Add(found, type.GetElementType());
        }

        if (type.IsConstructedGenericType)
        {
            Add(found, type.GetGenericTypeDefinition());
            foreach (var argument in type.GetGenericArguments())
            {
                Add(found, argument);
            }
        }
    }
}
