import { availableParallelism } from "node:os";
import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "~/env.server.ts";

const valid = {
  MONGODB_URI: "mongodb://127.0.0.1:27017/portal",
  MEILI_HOST: "http://127.0.0.1:7700",
  SMTP_URL: "smtp://127.0.0.1:2525",
};

describe("configuration from the environment", () => {
  it("accepts a complete environment and fills in defaults", () => {
    const env = parseEnv(valid);
    expect(env.PORT).toBe(3000);
    expect(env.COOKIE_SECURE).toBe(true);
  });

  it("honours PORT", () => {
    expect(parseEnv({ ...valid, PORT: "4123" }).PORT).toBe(4123);
  });

  it("names every wrong or missing variable, one line each", () => {
    try {
      parseEnv({ MONGODB_URI: "postgres://x", PORT: "eighty", SMTP_URL: "smtp://127.0.0.1:25" });
      expect.fail("should have thrown");
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems;
      expect(problems).toHaveLength(3);
      expect(problems.find((p) => p.startsWith("MONGODB_URI"))).toMatch(/mongodb:\/\//);
      expect(problems.find((p) => p.startsWith("MEILI_HOST"))).toMatch(/required/);
      expect(problems.find((p) => p.startsWith("PORT"))).toMatch(/number/);
      expect((error as Error).message).toContain("Configuration is not valid");
    }
  });

  it("trusts no proxy unless TRUST_PROXY names one, and refuses a value Express would misread", () => {
    expect(parseEnv(valid).TRUST_PROXY).toBe(false);
    expect(parseEnv({ ...valid, TRUST_PROXY: "1" }).TRUST_PROXY).toBe(1);
    expect(parseEnv({ ...valid, TRUST_PROXY: "loopback, 10.0.0.0/8,::1" }).TRUST_PROXY).toEqual(["loopback", "10.0.0.0/8", "::1"]);
    for (const wrong of ["true", "10.0.0.0/33", "proxy.example", "10.0.0.1/8/2"]) {
      expect(() => parseEnv({ ...valid, TRUST_PROXY: wrong }), wrong).toThrow(/TRUST_PROXY must be false, a number of proxies/);
    }
  });

  it("serves from one process unless PORTAL_PROCESSES asks for more, and refuses a count it cannot use", () => {
    expect(parseEnv(valid).PORTAL_PROCESSES).toBe(1);
    expect(parseEnv({ ...valid, PORTAL_PROCESSES: "4" }).PORTAL_PROCESSES).toBe(4);
    expect(parseEnv({ ...valid, PORTAL_PROCESSES: "auto" }).PORTAL_PROCESSES).toBe(Math.min(availableParallelism(), 64));
    for (const wrong of ["0", "65", "two", "1.5", "-2", "AUTO "]) {
      expect(() => parseEnv({ ...valid, PORTAL_PROCESSES: wrong }), wrong).toThrow(/PORTAL_PROCESSES must be a whole number from 1 to 64, or auto/);
    }
  });

  it("accepts a replica set's connection string with several hosts and ports, and refuses a broken one", () => {
    const replicaSet = "mongodb://portal:secret@db1.example.org:27017,db2.example.org:27017,db3.example.org:27017/placements?replicaSet=rs0&tls=true";
    expect(parseEnv({ ...valid, MONGODB_URI: replicaSet }).MONGODB_URI).toBe(replicaSet);
    expect(parseEnv({ ...valid, MONGODB_URI: "mongodb+srv://cluster0.example.org/placements" }).MONGODB_URI).toMatch(/^mongodb\+srv/);
    for (const broken of ["mongodb://db1:27017,,db2/placements", "mongodb://db1:port/placements", "mongodb+srv://a.example.org,b.example.org/placements", "mongodb:///placements", "http://db1/placements"]) {
      expect(() => parseEnv({ ...valid, MONGODB_URI: broken }), broken).toThrow(/MONGODB_URI/);
    }
  });

  it("treats an empty variable as unset", () => {
    expect(() => parseEnv({ ...valid, SMTP_URL: "" })).toThrow(/SMTP_URL is required/);
  });
});
