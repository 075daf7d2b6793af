package cn.jinjiang.emergency.shared.contract;

/**
 * Kinds of rescue unit. Each has a typical speed and a time to turn out, the default travel-time model's inputs; a
 * helicopter also has a reach (radius and response time) outside which it is not offered.
 */
public enum UnitType {
    FIRE_ENGINE(45, 1.5),
    RESCUE_TEAM(40, 5),
    AMBULANCE(50, 2),
    HELICOPTER(200, 20),
    DRONE_TEAM(40, 5),
    VOLUNTEER_TEAM(35, 20),
    MILITIA(35, 30);

    private final double speedKmh;
    private final double turnOutMinutes;

    UnitType(double speedKmh, double turnOutMinutes) {
        this.speedKmh = speedKmh;
        this.turnOutMinutes = turnOutMinutes;
    }

    /** Average speed over the ground, road detours included. */
    public double speedKmh() {
        return speedKmh;
    }

    /** From the call to wheels (or rotors) turning. */
    public double turnOutMinutes() {
        return turnOutMinutes;
    }
}
