package cn.jinjiang.emergency.warning.api;

import cn.jinjiang.emergency.shared.testing.RealInfrastructure;
import cn.jinjiang.emergency.shared.testing.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * deploy/local/token.sh mints distinct users of one role (--sub), and the service tells them apart: two commanders
 * minted by the script are two people for four-eyes approval. The script signs with this JVM's test key (written to a
 * directory it is pointed at), so the service under test accepts its tokens exactly as the local stack would.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "database", value = "warning_broadcast_test"))
class TokenScriptTest {

    private static final Path SCRIPT = Path.of("../../deploy/local/token.sh").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path keys;

    @BeforeAll
    static void keys() throws IOException {
        keys = Files.createTempDirectory("token-script-jwt");
        TestTokens.writeKeyPair(keys);
    }

    private record Run(int exit, String stdout) {
        String token() {
            String[] lines = stdout.strip().split("\n");
            return lines[lines.length - 1];
        }
    }

    private static Run tokenSh(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("EMERGENCY_JWT_DIR", keys.toString());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "token.sh finished");
        return new Run(process.exitValue(), out);
    }

    private static JsonNode claims(String token) throws IOException {
        return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    }

    @Test
    void subMintsDistinctUsersThatFourEyesTellsApart() throws Exception {
        Run alice = tokenSh("commander", "--sub", "commander-alice");
        Run bob = tokenSh("commander", "--sub", "commander-bob");
        assertEquals(0, alice.exit(), alice.stdout());
        assertEquals(0, bob.exit(), bob.stdout());
        assertEquals("commander-alice", claims(alice.token()).get("sub").asText());
        assertEquals("commander-alice", claims(alice.token()).get("upn").asText());
        assertEquals("commander-bob", claims(bob.token()).get("sub").asText());
        // Without --sub, every token of a role is still the one local user, as before.
        assertEquals("local-commander", claims(tokenSh("commander").token()).get("sub").asText());
        Run officer = tokenSh("duty-officer", "--sub", "officer-xu", "350582100000");
        assertEquals("officer-xu", claims(officer.token()).get("sub").asText());
        assertEquals("350582100000", claims(officer.token()).get("area_code").asText());
        // Spliced into JSON: anything that would need escaping is refused.
        assertEquals(2, tokenSh("commander", "--sub", "a\"b").exit());
        assertEquals(2, tokenSh("commander", "--sub").exit());

        String id = given().header("Authorization", "Bearer " + alice.token()).contentType(ContentType.JSON)
                .body("""
                        {"hazard": "TYPHOON", "level": "RED", "headline": "晋江市台风红色预警",
                         "instruction": "沿海人员立即撤离。", "areaCodes": ["350582100000"], "expiresAt": "%s"}
                        """.formatted(OffsetDateTime.now(ZoneOffset.UTC).plusDays(1)))
                .when().post("/api/warnings").then().statusCode(201)
                .body("draftedBy", equalTo("commander-alice")).extract().path("id");
        given().header("Authorization", "Bearer " + alice.token()).when().post("/api/warnings/" + id + "/approve")
                .then().statusCode(403);
        given().header("Authorization", "Bearer " + bob.token()).when().post("/api/warnings/" + id + "/approve")
                .then().statusCode(200).body("approvedBy", equalTo("commander-bob"));
    }

    @Test
    void jurisdictionNamesTheBureauACommandCentreTokenActsFor() throws Exception {
        // The prefecture's by default, which sees both counties; one county's when asked.
        assertEquals("350500", claims(tokenSh("viewer").token()).get("jurisdiction").asText());
        Run licheng = tokenSh("commander", "--jurisdiction", "350502", "--sub", "commander-lin");
        assertEquals(0, licheng.exit(), licheng.stdout());
        assertEquals("350502", claims(licheng.token()).get("jurisdiction").asText());
        // Machines and duty officers carry none; six digits only.
        assertTrue(claims(tokenSh("broadcast-system").token()).path("jurisdiction").isMissingNode());
        assertEquals(2, tokenSh("duty-officer", "350582100000", "--jurisdiction", "350582").exit());
        assertEquals(2, tokenSh("dispatcher", "--jurisdiction", "3505\"").exit());
        assertEquals(2, tokenSh("dispatcher", "--jurisdiction").exit());

        // The services take it: Licheng's commander reads Licheng's warnings, not Jinjiang's.
        String jinjiang = given().header("Authorization", "Bearer " + tokenSh("dispatcher").token())
                .contentType(ContentType.JSON).body("""
                        {"hazard": "TYPHOON", "level": "BLUE", "headline": "晋江市台风蓝色预警",
                         "instruction": "渔船回港避风。", "areaCodes": ["350582100000"], "expiresAt": "%s"}
                        """.formatted(OffsetDateTime.now(ZoneOffset.UTC).plusDays(1)))
                .when().post("/api/warnings").then().statusCode(201).extract().path("id");
        given().header("Authorization", "Bearer " + licheng.token()).when().get("/api/warnings/" + jinjiang)
                .then().statusCode(404);
        given().header("Authorization", "Bearer " + tokenSh("viewer", "--jurisdiction", "350582").token())
                .when().get("/api/warnings/" + jinjiang).then().statusCode(200);
    }
}
