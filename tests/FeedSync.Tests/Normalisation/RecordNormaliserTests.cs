using FeedSync.Normalisation;
using FeedSync.ThreatFox;

namespace FeedSync.Tests.Normalisation;

[TestFixture]
internal sealed class RecordNormaliserTests
{
    [TestCase("ip:port", "124.198.132.98:2414", IndicatorKind.Ip, "124.198.132.98")]
    [TestCase("domain", "Evil[.]Example", IndicatorKind.Domain, "evil.example")]
    [TestCase("url", "hxxps://Evil.example:443/X", IndicatorKind.Url, "https://evil.example/X")]
    [TestCase("md5_hash", "D41D8CD98F00B204E9800998ECF8427E", IndicatorKind.Md5, "d41d8cd98f00b204e9800998ecf8427e")]
    [TestCase("sha1_hash", "DA39A3EE5E6B4B0D3255BFEF95601890AFD80709", IndicatorKind.Sha1, "da39a3ee5e6b4b0d3255bfef95601890afd80709")]
    [TestCase("sha256_hash", "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855", IndicatorKind.Sha256, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [TestCase("SHA256_HASH", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", IndicatorKind.Sha256, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    public void Normalise_EachType_ReturnsKindAndCanonicalValue(string iocType, string ioc, IndicatorKind kind, string value)
    {
        // Arrange
        var normaliser = new RecordNormaliser();

        // Act
        var normalised = normaliser.Normalise(Records.Of(iocType, ioc), out var reject);

        // Assert
        Assert.That(reject, Is.Null);
        Assert.That(normalised!.Value.Kind, Is.EqualTo(kind));
        Assert.That(normalised.Value.Value, Is.EqualTo(value));
    }

    [TestCase("win.remcos\u001b[31m")]
    [TestCase("win.\u0000remcos")]
    [TestCase("win.remcos\r\n")]
    [TestCase("win.rem\u202Ecos")]
    [TestCase("win.remcos\u0085")]
    public void Normalise_MalwareIdWithInvisibleCharacter_Rejected(string malware)
    {
        // Arrange
        var normaliser = new RecordNormaliser();

        // Act
        var normalised = normaliser.Normalise(Records.Remcos() with { Malware = malware }, out var reject);

        // Assert
        Assert.That(normalised, Is.Null);
        Assert.That(reject!.Reason, Is.EqualTo(RejectReasons.InvalidField));
        Assert.That(reject.Detail, Does.Contain("field malware"));
        Assert.That(reject.Detail.Any(char.IsControl), Is.False);
    }

    [Test]
    public void Normalise_ThreatTypeWithEscape_Rejected()
    {
        // Arrange
        var normaliser = new RecordNormaliser();

        // Act
        var normalised = normaliser.Normalise(Records.Remcos() with { ThreatType = "bot\u001b[31mnet" }, out var reject);

        // Assert
        Assert.That(normalised, Is.Null);
        Assert.That(reject!.Detail, Does.Contain("threat_type"));
        Assert.That(normaliser.UnknownThreatTypes, Is.Empty);
    }

    [TestCase("win.remcos")]
    [TestCase("win.unicode-é中文")]
    [TestCase("win.evil\"; SecurityEvent | take 100 //")]
    public void Normalise_PrintableMalwareId_Accepted(string malware)
    {
        // Arrange
        var normaliser = new RecordNormaliser();

        // Act
        var normalised = normaliser.Normalise(Records.Remcos() with { Malware = malware }, out var reject);

        // Assert
        Assert.That(reject, Is.Null);
        Assert.That(normalised!.Value.Family.Id, Is.EqualTo(malware));
    }

    [Test]
    public void Normalise_Sha3_384_Accepted()
    {
        // Arrange
        var normaliser = new RecordNormaliser();

        // Act
        var normalised = normaliser.Normalise(Records.Of("sha3_384_hash", new string('F', 96)), out _);

        // Assert
        Assert.That(normalised!.Value.Kind, Is.EqualTo(IndicatorKind.Sha3_384));
        Assert.That(normalised.Value.Value, Is.EqualTo(new string('f', 96)));
    }

    [Test]
    public void Normalise_Defanged_CountsRefanged()
    {
        // Arrange
        var normaliser = new RecordNormaliser();

        // Act
        normaliser.Normalise(Records.Remcos("124[.]198[.]132[.]98[:]2414"), out _);

        // Assert
        Assert.That(normaliser.Corrections[RecordNormaliser.Refanged], Is.EqualTo(1));
    }

    [Test]
    public void Normalise_UnknownIocType_RejectedAndCounted()
    {
        // Arrange
        var normaliser = new RecordNormaliser();

        // Act
        var normalised = normaliser.Normalise(Records.Of("email", "bad@evil.example"), out var reject);

        // Assert
        Assert.That(normalised, Is.Null);
        Assert.That(reject!.Reason, Is.EqualTo(RejectReasons.UnknownIocType));
        Assert.That(reject.RawValue, Is.EqualTo("bad@evil.example"));
        Assert.That(reject.RawType, Is.EqualTo("email"));
        Assert.That(normaliser.UnknownIocTypes["email"], Is.EqualTo(1));
    }

    [Test]
    public void Normalise_UnknownThreatType_AcceptedAndCounted()
    {
        // Arrange
        var normaliser = new RecordNormaliser();

        // Act
        var normalised = normaliser.Normalise(Records.Remcos() with { ThreatType = "new_threat" }, out var reject);

        // Assert
        Assert.That(reject, Is.Null);
        Assert.That(normalised!.Value.ThreatType, Is.EqualTo("new_threat"));
        Assert.That(normaliser.UnknownThreatTypes["new_threat"], Is.EqualTo(1));
    }

    [TestCase("ioc")]
    [TestCase("ioc_type")]
    [TestCase("threat_type")]
    [TestCase("confidence_level")]
    [TestCase("first_seen")]
    public void Normalise_MissingRequiredField_RejectedNamingIt(string field)
    {
        // Arrange
        var record = field switch
        {
            "ioc" => Records.Remcos() with { IocValue = null },
            "ioc_type" => Records.Remcos() with { IocType = null },
            "threat_type" => Records.Remcos() with { ThreatType = null },
            "confidence_level" => Records.Remcos() with { Confidence = null },
            _ => Records.Remcos() with { FirstSeen = null },
        };

        // Act
        new RecordNormaliser().Normalise(record, out var reject);

        // Assert
        Assert.That(reject!.Reason, Is.EqualTo(RejectReasons.MissingField));
        Assert.That(reject.Detail, Does.Contain(field));
    }

    [Test]
    public void Normalise_InvalidField_RejectedWithRawValue()
    {
        // Arrange
        var record = Records.Remcos() with { InvalidField = "first_seen", InvalidFieldValue = "yesterday" };

        // Act
        new RecordNormaliser().Normalise(record, out var reject);

        // Assert
        Assert.That(reject!.Reason, Is.EqualTo(RejectReasons.InvalidField));
        Assert.That(reject.Detail, Does.Contain("'yesterday'"));
    }

    [Test]
    public void Normalise_RepeatedField_RejectedNamingField()
    {
        // Arrange
        var record = Records.Remcos() with { InvalidField = ThreatFoxRecordBuilder.RepeatedField, InvalidFieldValue = "ioc" };

        // Act
        new RecordNormaliser().Normalise(record, out var reject);

        // Assert
        Assert.That(reject!.Reason, Is.EqualTo(RejectReasons.InvalidField));
        Assert.That(reject.Detail, Does.Contain("the field ioc appears more than once"));
    }

    [TestCase("ip:port", "256.0.0.1:80", "invalid_ip")]
    [TestCase("ip:port", "1.2.3.4:70000", "invalid_port")]
    [TestCase("ip:port", "127.0.0.1:80", "reserved_ip")]
    [TestCase("ip:port", "[::ffff:127.0.0.1]:80", "reserved_ip")]
    [TestCase("ip:port", "255.255.255.255:80", "reserved_ip")]
    [TestCase("domain", "not a domain", "invalid_domain")]
    [TestCase("url", "evil.example/x", "invalid_url")]
    [TestCase("md5_hash", "xyz", "invalid_hash")]
    public void Normalise_InvalidValue_RejectedWithReason(string iocType, string ioc, string reason)
    {
        // Act
        new RecordNormaliser().Normalise(Records.Of(iocType, ioc, id: 77) with { Line = 12 }, out var reject);

        // Assert
        Assert.That(reject!.Reason, Is.EqualTo(reason));
        Assert.That(reject.RawValue, Is.EqualTo(ioc));
        Assert.That(reject.ThreatFoxId, Is.EqualTo(77));
        Assert.That(reject.Line, Is.EqualTo(12));
    }

    [Test]
    public void Normalise_LastSeenBeforeFirstSeen_SwapsAndCounts()
    {
        // Arrange
        var earlier = Records.FirstSeen.AddMinutes(-50);
        var normaliser = new RecordNormaliser();

        // Act
        var normalised = normaliser.Normalise(Records.Remcos() with { LastSeen = earlier }, out _);

        // Assert
        Assert.That(normalised!.Value.FirstSeen, Is.EqualTo(earlier));
        Assert.That(normalised.Value.LastSeen, Is.EqualTo(Records.FirstSeen));
        Assert.That(normaliser.Corrections[RecordNormaliser.LastSeenBeforeFirstSeen], Is.EqualTo(1));
    }

    [Test]
    public void Normalise_NoMalware_UsesUnknownFamily()
    {
        // Act
        var normalised = new RecordNormaliser().Normalise(Records.Remcos() with { Malware = null, MalwarePrintable = null }, out _);

        // Assert
        Assert.That(normalised!.Value.Family, Is.SameAs(MalwareFamily.Unknown));
    }

    [Test]
    public void Normalise_Family_CarriesIdNameAndAliases()
    {
        // Act
        var family = new RecordNormaliser().Normalise(Records.Remcos(), out _)!.Value.Family;

        // Assert
        Assert.That(family.Id, Is.EqualTo("win.remcos"));
        Assert.That(family.Name, Is.EqualTo("Remcos"));
        Assert.That(family.Aliases, Is.EqualTo(new List<string> { "RemcosRAT", "Remvio" }));
    }
}
