package io.copilotportsync.sandbox;

import java.util.ArrayList;
import java.util.List;

/**
 * The teams of a generated organization: every organization has the same slugs (as in real enterprises), with
 * memberships of different sizes, one of them (design) under GitHub's 5-member floor for the user-teams report.
 */
final class SandboxTeams {
    private static final String[] TEAMS = {"platform", "frontend", "backend", "data", "design"};

    private SandboxTeams() {
    }

    static List<SandboxData.Team> of(int orgIndex, List<SandboxData.Member> members) {
        List<SandboxData.Team> teams = new ArrayList<>();
        int[] every = {2, 2, 3, 5, 0};
        for (int t = 0; t < TEAMS.length; t++) {
            List<SandboxData.Member> in = new ArrayList<>();
            for (int m = 0; m < members.size(); m++) {
                boolean member = t == 4 ? m >= 1 && m <= 3 : t == 1 ? m % 2 == 1 : m % every[t] == 0;
                if (member) {
                    in.add(members.get(m));
                }
            }
            String slug = TEAMS[t];
            teams.add(new SandboxData.Team(1000L * (orgIndex + 1) + t, slug, Character.toUpperCase(slug.charAt(0)) + slug.substring(1), List.copyOf(in)));
        }
        return List.copyOf(teams);
    }
}
