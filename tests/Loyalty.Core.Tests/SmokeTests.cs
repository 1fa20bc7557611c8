namespace Loyalty.Core.Tests;
public sealed class SmokeTests { [Fact] public void CustomerId_Value_Kept() => Assert.Equal("a", new CustomerId("a").Value); }
